namespace FinkTom.Tests.Support;

/// <summary>Where the tests find the repository, its bundled samples and the workplace's shared sample data.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    /// <summary>The folder holding <c>FinkTom.sln</c>, found by walking up from the test binaries.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The bundled sample alerts (<c>samples/</c>, Apache-2.0 sources only: 352 ZTF and 7 Rubin alerts).</summary>
    public static string Samples => Path.Combine(RepoRoot, "samples");

    /// <summary><c>../shared/data</c> beside the repository (all sample data, incl. unlicensed ZTF files), or null
    /// when absent (e.g. a clone outside this workplace).</summary>
    public static string? SharedData
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>The ZTF part of the samples (raw ZTF and Fink-enriched ZTF alerts: 352), for tests about ZTF alone.</summary>
    public static string[] ZtfSamples => [Path.Combine(Samples, "ztf"), Path.Combine(Samples, "fink")];

    /// <summary>A file under <see cref="Samples"/>, given by its path relative to it.</summary>
    public static string Sample(string relativePath) => Path.Combine(Samples, relativePath);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FinkTom.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No FinkTom.sln above {AppContext.BaseDirectory}.");
    }
}
