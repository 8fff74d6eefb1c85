using FinkTom.FinkClient;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace FinkTom.Server.Proxy;

/// <summary>An upstream answer as received: body (bounded in size), content type and attachment name.</summary>
public sealed record UpstreamAnswer(byte[] Body, string ContentType, string? FileName);

/// <summary>Why upstream gave no usable answer, as the HTTP status and text FinkTom reports.</summary>
/// <param name="Status">502 (bad answer or unreachable), 503 (circuit open or rate limit), 504 (timeout), or the
/// upstream's own 400/404 when it refused the request itself.</param>
public sealed record UpstreamFailure(int Status, string Text, TimeSpan? RetryAfter = null)
{
    /// <summary>Refusals are answers about the request, not outages: they are never replaced by a stale answer.</summary>
    public bool IsRefusal => Status is 400 or 404;
}

/// <summary>Either an answer or a failure.</summary>
public sealed record UpstreamResult(UpstreamAnswer? Answer, UpstreamFailure? Failure)
{
    public static UpstreamResult Fail(int status, string text, TimeSpan? retryAfter = null) => new(null, new UpstreamFailure(status, text, retryAfter));
}

/// <summary>
/// Calls the upstream Fink API through the Refit interface (whose HTTP client carries the resilience pipeline and
/// the host guard), reads at most <see cref="UpstreamOptions.MaxResponseMiB"/>, and turns every way a call can fail
/// into an <see cref="UpstreamFailure"/> with a message a user can act on. The whole call, body included, ends within
/// <see cref="UpstreamOptions.TotalTimeout"/>, and a body that stalls for <see cref="UpstreamOptions.Timeout"/> is given
/// up: the resilience pipeline only times the wait for the headers. Answers never name the upstream's host or port
/// (the log does): a caller of a public FinkTom has no need to learn the operator's network.
/// </summary>
public sealed class UpstreamCaller(IFinkApi api, IOptions<UpstreamOptions> options, ILogger<UpstreamCaller> log)
{
    private string Host => options.Value.Url?.Authority ?? "(none)";

    public async Task<UpstreamResult> SendAsync(string what, Func<IFinkApi, CancellationToken, Task<HttpResponseMessage>> call, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Value.TotalTimeout);
        try
        {
            using var response = await call(api, deadline.Token);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
                return Failed(what, 502, $"The upstream Fink API answered {what} with a redirect ({status}); FinkTom contacts only " +
                    "its configured upstream and does not follow it.", $"redirect to '{response.Headers.Location}'");
            if (!response.IsSuccessStatusCode)
            {
                var error = await FinkApiException.FromResponseAsync(response, deadline.Token);
                return status is 400 or 404
                    ? Failed(what, status, $"The upstream Fink API refused {what}: {error.Text}")
                    : Failed(what, 502, $"The upstream Fink API answered {what} with HTTP {status}: {error.Text}");
            }
            var body = await ReadBoundedAsync(response.Content, options.Value.MaxResponseMiB * 1024L * 1024, options.Value.Timeout, deadline.Token);
            if (body is null)
                return Failed(what, 502, $"The upstream Fink API's answer to {what} exceeds {options.Value.MaxResponseMiB} MiB " +
                    "(Upstream:MaxResponseMiB); ask for fewer rows or columns.");
            var headers = response.Content.Headers;
            return new UpstreamResult(new UpstreamAnswer(body, headers.ContentType?.MediaType ?? "application/octet-stream",
                headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName?.Trim('"')), null);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && Classify(e, what) is { } failure)
        {
            log.LogWarning("Upstream call {What} to {Host} failed: {Text} ({Detail})", what, Host, failure.Failure!.Text, e.GetBaseException().Message);
            return failure;
        }
    }

    private UpstreamResult Failed(string what, int status, string text, string? detail = null)
    {
        log.LogWarning("Upstream call {What} to {Host} failed: {Text} {Detail}", what, Host, text, detail);
        return UpstreamResult.Fail(status, text);
    }

    private UpstreamResult? Classify(Exception e, string what)
    {
        // Refit wraps transport failures; the innermost known cause says what happened.
        for (var current = e; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TimeoutRejectedException or TimeoutException or OperationCanceledException or BodyStalledException:
                    return UpstreamResult.Fail(504, $"The upstream Fink API did not answer {what} within " +
                        $"{options.Value.Timeout.TotalSeconds:0.#} s per attempt ({options.Value.Retries + 1} attempts, " +
                        $"{options.Value.TotalTimeout.TotalSeconds:0.#} s in all).");
                case BrokenCircuitException:
                    return UpstreamResult.Fail(503, "The upstream Fink API failed repeatedly, so FinkTom stopped calling it " +
                        "for a while (circuit breaker open); try again later.", options.Value.CircuitBreakDuration);
                case RateLimiterRejectedException limited:
                    return UpstreamResult.Fail(503, $"Too many requests to the upstream Fink API: FinkTom sends at most " +
                        $"{options.Value.MaxRequestsPerSecond} per second (Upstream:MaxRequestsPerSecond); try again shortly.",
                        limited.RetryAfter ?? TimeSpan.FromSeconds(1));
                case UpstreamHostRefusedException:
                    return UpstreamResult.Fail(502, "FinkTom refused to contact a host other than its configured upstream.");
                case HttpRequestException http:
                    return UpstreamResult.Fail(502, $"The upstream Fink API is unreachable ({Describe(http.HttpRequestError)}).");
                case IOException:
                    return UpstreamResult.Fail(502, $"The upstream Fink API's answer to {what} broke off before its end.");
            }
        }
        return null;
    }

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "its name does not resolve",
        HttpRequestError.ConnectionError => "the connection failed",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        HttpRequestError.ResponseEnded => "it closed the connection",
        HttpRequestError.InvalidResponse => "its answer is not valid HTTP",
        _ => "transport error",
    };

    // Each read waits at most one attempt's timeout: a body that stops mid-way is given up, not waited on for ever.
    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, long limit, TimeSpan idle, CancellationToken ct)
    {
        if (content.Headers.ContentLength > limit)
            return null;
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        while (true)
        {
            stall.CancelAfter(idle);
            int read;
            try
            {
                read = await stream.ReadAsync(chunk, stall.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new BodyStalledException();
            }
            if (read == 0)
                return buffer.ToArray();
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
    }

    private sealed class BodyStalledException : Exception;
}

/// <summary>A request to a host other than the configured upstream was about to leave; it never does.</summary>
public sealed class UpstreamHostRefusedException(string message) : Exception(message);

/// <summary>
/// The innermost handler of the upstream client: every request must go to the configured upstream's scheme, host and
/// port. The Refit interface only builds paths on that base, and redirects are not followed, so this never fires
/// unless something is wrong; it is the guarantee that no URL from a request is ever contacted.
/// </summary>
public sealed class UpstreamHostGuard(IOptions<UpstreamOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var allowed = options.Value.Url;
        var target = request.RequestUri;
        if (allowed is null || target is null || !target.IsAbsoluteUri
            || !string.Equals(target.Scheme, allowed.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(target.Host, allowed.Host, StringComparison.OrdinalIgnoreCase) || target.Port != allowed.Port)
            throw new UpstreamHostRefusedException($"FinkTom refused to contact '{target?.GetLeftPart(UriPartial.Authority)}': " +
                $"proxy mode only calls its configured upstream ({allowed?.GetLeftPart(UriPartial.Authority) ?? "none"}).");
        return base.SendAsync(request, cancellationToken);
    }
}
