using System.Diagnostics;

namespace FinkTom.Bench.Measure;

/// <summary>What the numbers were measured on.</summary>
public static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {memory:F0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    public static string Commit(string repo)
    {
        try
        {
            var git = Process.Start(new ProcessStartInfo("git", ["-C", repo, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    /// <summary>Sequential write speed of the disk under <paramref name="folder"/> in MB/s (1 GiB, flushed to disk).</summary>
    public static double SequentialWriteMBps(string folder)
    {
        var path = Path.Combine(folder, "write-speed.tmp");
        var block = new byte[4 * 1024 * 1024];
        Random.Shared.NextBytes(block);
        var watch = Stopwatch.StartNew();
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough))
        {
            for (var i = 0; i < 256; i++)
                file.Write(block);
            file.Flush(flushToDisk: true);
        }
        var seconds = watch.Elapsed.TotalSeconds;
        File.Delete(path);
        return 1024 * 1.048576 / seconds;
    }

    public static long FolderBytes(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;
}
