using System.Diagnostics;

namespace FinkTom.Bench.Measure;

/// <summary>Latency percentiles of one operation over distinct inputs, after a warm-up.</summary>
public sealed record LatencyResult(string Name, int Count, double P50Ms, double P95Ms, double P99Ms, double MeanRows)
{
    public static async Task<LatencyResult> MeasureAsync(string name, int repetitions, Func<int, Task<int>> operation)
    {
        for (var i = 0; i < Math.Min(20, repetitions); i++)
            await operation(-1 - i); // warm-up: JIT, caches
        var times = new double[repetitions];
        long rows = 0;
        for (var i = 0; i < repetitions; i++)
        {
            var start = Stopwatch.GetTimestamp();
            rows += await operation(i);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return new LatencyResult(name, repetitions, Percentile(times, 0.50), Percentile(times, 0.95), Percentile(times, 0.99), (double)rows / repetitions);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
