using System.Net;
using Refit;

namespace FinkTom.Store.Elasticsearch.Api;

/// <summary>
/// Retries a call that Elasticsearch refused because it is busy (429 Too Many Requests: a full write or search queue;
/// 503: no master or shards not yet allocated; 502/504 from a proxy in front) or that lost its connection, waiting
/// <c>base × 2^attempt</c> with ±25 % jitter (or the server's <c>Retry-After</c>) between tries. Any other answer,
/// success or error, is returned to the caller at once.
/// </summary>
public sealed class Backoff(int maxRetries, TimeSpan baseDelay, Func<TimeSpan, CancellationToken, Task>? delay = null)
{
    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? Task.Delay;

    public int MaxRetries { get; } = maxRetries;

    public static bool IsBusy(HttpStatusCode status) => (int)status is 429 or 502 or 503 or 504;

    /// <summary>Delay before retry number <paramref name="attempt"/> (1-based), capped at one minute.</summary>
    public TimeSpan DelayFor(int attempt)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16));
        var jittered = exponential * (0.75 + Random.Shared.NextDouble() * 0.5);
        return TimeSpan.FromMilliseconds(Math.Min(jittered, 60_000));
    }

    public Task WaitAsync(int attempt, CancellationToken cancellationToken, TimeSpan? serverHint = null) =>
        _delay(serverHint is { } hint && hint > TimeSpan.Zero ? Min(hint, TimeSpan.FromMinutes(1)) : DelayFor(attempt), cancellationToken);

    /// <summary>Runs <paramref name="call"/> until it is answered with something other than "busy", or retries run out.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) where T : IApiResponse
    {
        for (var attempt = 1; ; attempt++)
        {
            T response;
            try
            {
                response = await call(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                if (attempt > MaxRetries)
                    throw new ElasticsearchException($"Elasticsearch could not be reached after {attempt} tries: {(e.InnerException ?? e).Message}", inner: e);
                await WaitAsync(attempt, cancellationToken).ConfigureAwait(false);
                continue;
            }
            var retry = !response.IsReceived ? response.Error is { } error && IsTransient(error, cancellationToken) : response.StatusCode is { } status && IsBusy(status);
            if (!retry || attempt > MaxRetries)
                return response;
            await WaitAsync(attempt, cancellationToken, response.Headers?.RetryAfter?.Delta).ConfigureAwait(false);
        }
    }

    /// <summary>A lost connection or a timed-out request (not a cancellation by the caller).</summary>
    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        HttpRequestException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        ApiRequestException request => request.InnerException is { } inner && IsTransient(inner, cancellationToken),
        _ => false,
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
