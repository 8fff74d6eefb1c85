using System.IO.Compression;
using FinkTom.Core.Tns;

namespace FinkTom.Server.Cli;

/// <summary>
/// `finktom import-tns PATH`: loads TNS's public-objects catalogue (the CSV, or the zip TNS serves it in) as FinkTom's TNS
/// catalogue, replacing the previous import. A running server uses it from its next ingest batch and resolver request.
/// </summary>
internal static class ImportTnsCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (!HostArguments.TryTranslate(args, allowNoSample: false, out var hostArgs, out var paths, out var error) || paths.Count != 1)
        {
            Console.Error.WriteLine($"{error ?? "import-tns needs one file: tns_public_objects.csv or its .zip."}\n\n{FinkTomCli.Usage}");
            return 1;
        }
        TnsCsv.Result parsed;
        try
        {
            parsed = Read(paths[0]);
        }
        catch (Exception e) when (e is FormatException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"finktom import-tns: {paths[0]}: {e.Message}");
            return 2;
        }
        using var host = IngestHost.Build(hostArgs, fromKafka: false);
        var catalog = host.Services.GetRequiredService<ITnsCatalog>();
        var kept = await catalog.ReplaceAsync(parsed.Entries);
        Console.WriteLine($"tns:        {kept} objects imported ({parsed.Entries.Count(e => e.Type is not null)} classified, " +
                          $"{parsed.Entries.Sum(e => e.InternalNames.Count)} internal names), {parsed.Skipped} records skipped");
        if (parsed.FirstSkipReason is { } reason)
            Console.WriteLine($"skipped:    first: {reason}");
        Console.WriteLine($"catalogue:  {(catalog as Store.Sqlite.TnsCatalogFile)?.Path}");
        return 0;
    }

    /// <summary>The CSV itself, or the first .csv entry of a zip.</summary>
    public static TnsCsv.Result Read(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        var isZip = file.Read(magic) == 4 && magic is [0x50, 0x4B, 0x03, 0x04];
        file.Position = 0;
        if (!isZip)
        {
            using var text = new StreamReader(file);
            return TnsCsv.Read(text);
        }
        using var zip = new ZipArchive(file, ZipArchiveMode.Read);
        var entry = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                    ?? throw new FormatException("the zip holds no .csv file");
        using var reader = new StreamReader(entry.Open());
        return TnsCsv.Read(reader);
    }
}
