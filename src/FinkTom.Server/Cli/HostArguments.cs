namespace FinkTom.Server.Cli;

/// <summary>
/// Turns FinkTom's own flags into configuration arguments the .NET host understands
/// (<c>--data-dir D</c> → <c>--Data:Directory=D</c>, where every file goes); other <c>--key value</c> pairs pass through.
/// </summary>
internal static class HostArguments
{
    public static bool TryTranslate(string[] args, bool allowNoSample, out string[] hostArgs, out List<string> positional, out string? error)
    {
        var result = new List<string>();
        positional = [];
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--data-dir" when i + 1 < args.Length:
                    result.Add($"--Data:Directory={Path.GetFullPath(args[++i])}");
                    break;
                case "--data-dir":
                    error = "--data-dir needs a folder.";
                    break;
                case "--no-sample" when allowNoSample:
                    result.Add("--Samples:IngestOnEmptyStore=false");
                    break;
                case var flag when flag.StartsWith("--", StringComparison.Ordinal):
                    result.Add(flag);
                    if (!flag.Contains('=') && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                        result.Add(args[++i]);
                    break;
                default:
                    positional.Add(arg);
                    break;
            }
        }
        hostArgs = [.. result];
        return error is null;
    }
}
