using System.Diagnostics;

namespace FinkTom.Bench.Measure;

/// <summary>Latency percentiles of one operation over distinct inputs, after a warm-up, and the CPU time it took.</summary>
/// <param name="CpuMsPerQuery">CPU time per call of this process and of the server answering it (when it has one): steadier
/// than latency while other work shares the cores, since time spent waiting for a core is not counted.</param>
public sealed record LatencyResult(string Name, int Count, double P50Ms, double P95Ms, double P99Ms, double MeanRows, double CpuMsPerQuery)
{
    public static async Task<LatencyResult> MeasureAsync(string name, int repetitions, Func<int, Task<int>> operation, Func<TimeSpan>? serverCpu = null)
    {
        for (var i = 0; i < Math.Min(20, repetitions); i++)
            await operation(-1 - i); // warm-up: JIT, caches
        var times = new double[repetitions];
        long rows = 0;
        var cpuStart = Cpu(serverCpu);
        for (var i = 0; i < repetitions; i++)
        {
            var start = Stopwatch.GetTimestamp();
            rows += await operation(i);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        var cpuMs = (Cpu(serverCpu) - cpuStart).TotalMilliseconds / repetitions;
        Array.Sort(times);
        return new LatencyResult(name, repetitions, Percentile(times, 0.50), Percentile(times, 0.95), Percentile(times, 0.99), (double)rows / repetitions, cpuMs);
    }

    private static TimeSpan Cpu(Func<TimeSpan>? serverCpu) => Process.GetCurrentProcess().TotalProcessorTime + (serverCpu?.Invoke() ?? TimeSpan.Zero);

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
