using System.Net;
using Elastic.Transport;

namespace FinkTom.Store.Elasticsearch.Api;

/// <summary>
/// Retries a call that Elasticsearch refused because it is busy (429 Too Many Requests: a full write or search queue;
/// 503: no master or shards not yet allocated; 502/504 from a proxy in front) or that lost its connection, waiting
/// <c>base × 2^attempt</c> with ±25 % jitter (or the server's <c>Retry-After</c>) between tries. Any other answer,
/// success or error, is returned to the caller at once. (The official client's own retries only fail over between
/// nodes; they do not wait for a busy cluster.)
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
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) where T : TransportResponse
    {
        for (var attempt = 1; ; attempt++)
        {
            T response;
            try
            {
                response = await call(cancellationToken).ConfigureAwait(false);
            }
            catch (Elastic.Clients.Elasticsearch.UnsupportedProductException e)
            {
                throw new ElasticsearchException("The server is not Elasticsearch, or not a version the official client supports: its answer lacks the " +
                    "'X-Elastic-Product: Elasticsearch' header (FinkTom needs Elasticsearch 9; OpenSearch is not supported).", inner: e);
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                if (attempt > MaxRetries)
                    throw new ElasticsearchException($"Elasticsearch could not be reached after {attempt} tries: {(e.InnerException ?? e).Message}", inner: e);
                await WaitAsync(attempt, cancellationToken).ConfigureAwait(false);
                continue;
            }
            cancellationToken.ThrowIfCancellationRequested();
            var details = response.ApiCallDetails;
            var retry = details.HttpStatusCode is { } status ? IsBusy((HttpStatusCode)status) : details.OriginalException is { } error && IsTransient(error, cancellationToken);
            if (!retry || attempt > MaxRetries)
                return response;
            await WaitAsync(attempt, cancellationToken, RetryAfter(details)).ConfigureAwait(false);
        }
    }

    /// <summary>The <c>Retry-After</c> header in seconds, if the server sent one.</summary>
    private static TimeSpan? RetryAfter(ApiCallDetails details) =>
        details.TryGetHeader("Retry-After", out var values) && values.FirstOrDefault() is { } value && int.TryParse(value, out var seconds) ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>A lost connection or a timed-out request (not a cancellation by the caller).</summary>
    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        HttpRequestException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => e.InnerException is { } inner && IsTransient(inner, cancellationToken), // the transport wraps what it caught
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
