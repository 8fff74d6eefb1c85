using System.Runtime.ExceptionServices;

namespace FinkTom.Tests.Fuzz;

/// <summary>
/// Runs one fuzz input on a thread of its own, so that a hang fails the property after <see cref="Time"/> instead of
/// blocking the run, and an input that makes the parser allocate more than <see cref="Bytes"/> fails it too
/// (measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/>: everything the parser allocated, freed or not).
/// The parser's own exception is rethrown as it is, so the property decides which exceptions are clear errors.
/// </summary>
internal static class Bounded
{
    // A hang guard, not a speed check: inputs take milliseconds, but a 2-core machine shared with other builds has
    // stretched a sky-map input past 5 s. Long enough for that, short enough that a hang still fails the run.
    public static readonly TimeSpan Time = TimeSpan.FromSeconds(30);

    public const long Bytes = 256L << 20;

    public static T Run<T>(Func<T> parse, TimeSpan? time = null, long maxBytes = Bytes)
    {
        var limit = time ?? Time;
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        long allocated = 0;
        var thread = new Thread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                result = parse();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        })
        { IsBackground = true, Name = "fuzz input" };
        thread.Start();
        // A hung thread cannot be stopped; it is a background thread, so it does not keep the run alive.
        if (!thread.Join(limit))
            throw new FuzzHangException($"the input was not done after {limit.TotalSeconds:0.#} s");
        if (allocated > maxBytes)
            throw new FuzzAllocationException(
                $"the input allocated {allocated / (1 << 20):N0} MiB, over the {maxBytes / (1 << 20):N0} MiB limit"
                + (failure is null ? "" : $" (then threw {failure.SourceException.GetType().Name}: {failure.SourceException.Message})"));
        failure?.Throw();
        return result;
    }

    public static void Run(Action parse, TimeSpan? time = null, long maxBytes = Bytes) =>
        Run(() => { parse(); return 0; }, time, maxBytes);
}

/// <summary>A parser did not finish one input in time.</summary>
public sealed class FuzzHangException(string message) : Exception(message);

/// <summary>A parser allocated too much for one input.</summary>
public sealed class FuzzAllocationException(string message) : Exception(message);
