using System.Globalization;
using CsCheck;

namespace FinkTom.Tests.Fuzz;

/// <summary>
/// How many inputs each fuzz property tries. Every property names its CI count (the whole namespace runs in well under a
/// minute on two cores); the environment variable <c>FINKTOM_FUZZ_ITERATIONS</c> multiplies it (e.g. <c>100</c> for a
/// long run, <c>0.1</c> for a smoke run). CsCheck prints the seed of a failure; <c>CsCheck_Seed=...</c> replays it.
/// </summary>
internal static class FuzzRun
{
    public const string Variable = "FINKTOM_FUZZ_ITERATIONS";

    public static double Multiplier { get; } = ReadMultiplier();

    /// <summary>The iterations for a property whose CI count is <paramref name="ci"/>.</summary>
    public static long Iterations(int ci) => Math.Max(1, (long)Math.Ceiling(ci * Multiplier));

    /// <summary>Samples <paramref name="gen"/> and checks <paramref name="property"/> on each input; CsCheck shrinks a failure
    /// to a small input and reports it with its seed.</summary>
    public static void Check<T>(Gen<T> gen, Action<T> property, int ci, Func<T, string>? print = null, int threads = -1) =>
        gen.Sample(property, writeLine: Log, iter: Iterations(ci), threads: threads, print: print);

    public static Task CheckAsync<T>(Gen<T> gen, Func<T, Task> property, int ci, Func<T, string>? print = null, int threads = -1) =>
        gen.SampleAsync(property, writeLine: Log, iter: Iterations(ci), threads: threads, print: print);

    // CsCheck's summary line ("Passed 2,000 iterations in ..."), in the test's output.
    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    private static double ReadMultiplier()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text))
            return 1;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
            ? value
            : throw new InvalidOperationException($"{Variable} must be a positive number (a multiplier of the CI iteration counts), got '{text}'.");
    }
}

/// <summary>Counts of outcomes (status per endpoint, accepted or refused), written to the test output: shows that a
/// property reaches the answers it should, not only the refusals.</summary>
internal sealed class FuzzTally
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(string outcome) => _counts.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    public int this[string outcome] => _counts.GetValueOrDefault(outcome);

    public void Log()
    {
        foreach (var (outcome, count) in _counts.OrderBy(c => c.Key, StringComparer.Ordinal))
            TestContext.Current.TestOutputHelper?.WriteLine($"{count,8:N0}  {outcome}");
    }
}
