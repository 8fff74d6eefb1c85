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
/// into an <see cref="UpstreamFailure"/> with a message a user can act on.
/// </summary>
public sealed class UpstreamCaller(IFinkApi api, IOptions<UpstreamOptions> options, ILogger<UpstreamCaller> log)
{
    private string Host => options.Value.Url?.Authority ?? "(none)";

    public async Task<UpstreamResult> SendAsync(string what, Func<IFinkApi, CancellationToken, Task<HttpResponseMessage>> call, CancellationToken ct)
    {
        try
        {
            using var response = await call(api, ct);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
                return Failed(what, 502, $"The upstream Fink API ({Host}) answered {what} with a redirect ({status}) to " +
                    $"'{response.Headers.Location}'; FinkTom contacts only its configured upstream and does not follow it.");
            if (!response.IsSuccessStatusCode)
            {
                var error = await FinkApiException.FromResponseAsync(response, ct);
                return status is 400 or 404
                    ? Failed(what, status, $"The upstream Fink API ({Host}) refused {what}: {error.Text}")
                    : Failed(what, 502, $"The upstream Fink API ({Host}) answered {what} with HTTP {status}: {error.Text}");
            }
            var body = await ReadBoundedAsync(response.Content, options.Value.MaxResponseMiB * 1024L * 1024, ct);
            if (body is null)
                return Failed(what, 502, $"The upstream Fink API's answer to {what} exceeds {options.Value.MaxResponseMiB} MiB " +
                    "(Upstream:MaxResponseMiB); ask for fewer rows or columns.");
            var headers = response.Content.Headers;
            return new UpstreamResult(new UpstreamAnswer(body, headers.ContentType?.MediaType ?? "application/octet-stream",
                headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName?.Trim('"')), null);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && Classify(e, what) is { } failure)
        {
            log.LogWarning("Upstream call {What} failed: {Text}", what, failure.Failure!.Text);
            return failure;
        }
    }

    private UpstreamResult Failed(string what, int status, string text)
    {
        log.LogWarning("Upstream call {What} failed: {Text}", what, text);
        return UpstreamResult.Fail(status, text);
    }

    private UpstreamResult? Classify(Exception e, string what)
    {
        // Refit wraps transport failures; the innermost known cause says what happened.
        for (var current = e; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TimeoutRejectedException or TimeoutException or TaskCanceledException:
                    return UpstreamResult.Fail(504, $"The upstream Fink API ({Host}) did not answer {what} within " +
                        $"{options.Value.Timeout.TotalSeconds:0.#} s per attempt ({options.Value.Retries + 1} attempts, " +
                        $"{options.Value.TotalTimeout.TotalSeconds:0.#} s in all).");
                case BrokenCircuitException:
                    return UpstreamResult.Fail(503, $"The upstream Fink API ({Host}) failed repeatedly, so FinkTom stopped calling it " +
                        "for a while (circuit breaker open); try again later.", options.Value.CircuitBreakDuration);
                case RateLimiterRejectedException limited:
                    return UpstreamResult.Fail(503, $"Too many requests to the upstream Fink API: FinkTom sends at most " +
                        $"{options.Value.MaxRequestsPerSecond} per second (Upstream:MaxRequestsPerSecond); try again shortly.",
                        limited.RetryAfter ?? TimeSpan.FromSeconds(1));
                case UpstreamHostRefusedException refused:
                    return UpstreamResult.Fail(502, refused.Message);
                case HttpRequestException http:
                    return UpstreamResult.Fail(502, $"The upstream Fink API ({Host}) is unreachable: {http.Message}");
            }
        }
        return null;
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, long limit, CancellationToken ct)
    {
        if (content.Headers.ContentLength > limit)
            return null;
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
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
