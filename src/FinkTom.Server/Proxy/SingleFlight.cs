using System.Collections.Concurrent;

namespace FinkTom.Server.Proxy;

/// <summary>
/// Coalesces concurrent identical upstream calls: while a call for a key is running, callers with the same key wait
/// for it instead of starting their own. The call runs on the application's lifetime token, not a caller's, so one
/// client hanging up does not fail the others.
/// </summary>
public sealed class SingleFlight
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _running = new(StringComparer.Ordinal);

    /// <summary>Calls started (not joined) so far: what the coalescing saves is visible in tests and logs.</summary>
    public int Started => _started;

    private int _started;

    public async Task<T> RunAsync<T>(string key, Func<Task<T>> call, CancellationToken callerToken) where T : class
    {
        var lazy = _running.GetOrAdd(key, k => new Lazy<Task<object>>(() => Start(k, call)));
        return (T)await lazy.Value.WaitAsync(callerToken);
    }

    private async Task<object> Start<T>(string key, Func<Task<T>> call) where T : class
    {
        Interlocked.Increment(ref _started);
        try
        {
            await Task.Yield(); // leave GetOrAdd before the call runs
            return await call();
        }
        finally
        {
            _running.TryRemove(key, out _);
        }
    }
}
