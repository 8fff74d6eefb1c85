using System.Diagnostics;
using System.Globalization;
using FinkTom.Bench.Measure;

namespace FinkTom.Bench;

/// <summary>What every survey's measurements share: the options, the one report, the run's folder, and the helpers
/// that format a rate or the CPU time spent.</summary>
public sealed class BenchRun(BenchOptions options, Report report, string folder)
{
    public BenchOptions Options => options;

    public Report Report => report;

    /// <summary>This N and seed's folder: stores and generated files.</summary>
    public string Folder => folder;

    public static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>CPU time of this process: per 1,000 alerts it is steadier than alerts/s when other work shares the cores.</summary>
    public static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    public static string CpuPerThousand(TimeSpan start, long alerts) => $"{(Cpu() - start).TotalMilliseconds / (alerts / 1000.0):N0} CPU ms per 1,000";

    /// <summary>A store folder a finished ingest left (<see cref="MarkComplete"/>), which <c>--only queries</c> may reuse.</summary>
    public static bool ReusableStore(string path) => File.Exists(Path.Combine(path, "complete"));

    public static void MarkComplete(string path) => File.WriteAllText(Path.Combine(path, "complete"), DateTime.UtcNow.ToString("O"));

    /// <summary>An empty folder under <see cref="Folder"/> (a store from an earlier run is removed).</summary>
    public string FreshFolder(string name)
    {
        var path = Path.Combine(folder, name);
        if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
        return path;
    }
}
