namespace FinkTom.Tests.Support;

/// <summary>Where the repository, its bundled samples and the workplace's shared data (if present) are.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Samples => Path.Combine(RepoRoot, "samples");

    /// <summary><c>../shared/data</c> beside the repository, or null when absent (tests using it say so and skip).</summary>
    public static string? SharedData =>
        Path.Combine(RepoRoot, "..", "shared", "data") is var path && Directory.Exists(path) ? Path.GetFullPath(path) : null;

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FinkTom.sln")))
                return dir.FullName;
        throw new InvalidOperationException("FinkTom.sln not found above " + AppContext.BaseDirectory);
    }
}
