using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using FinkTom.Core.Api;
using FinkTom.Server.Api;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Security;

/// <summary>ASP.NET Core's rate limiter, partitioned per client address (or per known credential), on the public
/// endpoints; and the forwarded-headers step that tells clients apart behind a reverse proxy on this machine.</summary>
public static class RateLimiting
{
    private static readonly string[] LimitedPrefixes = ["/api", "/odata", "/livestream"];

    public static IServiceCollection AddFinkRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CallerCredentials>();
        // Only proxies on this machine (loopback, the default known networks) are trusted to say who the client is.
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, CallerCredentials>((limiter, options, callers) =>
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(RequestLimiter(options, callers), StreamLimiter(options)));
        return services;
    }

    public static WebApplication UseFinkRateLimits(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseRateLimiter();
        return app;
    }

    private static PartitionedRateLimiter<HttpContext> RequestLimiter(IOptions<RateLimitOptions> settings, CallerCredentials callers) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var options = settings.Value;
            if (Exempt(http, options))
                return RateLimitPartition.GetNoLimiter("exempt");
            if (callers.Identify(http.Request) is { } credential)
                return RateLimitPartition.GetTokenBucketLimiter(credential, _ => Bucket(options.KeyBurst, options.KeyPermitsPerSecond));
            return RateLimitPartition.GetTokenBucketLimiter("ip:" + Address(http), _ => Bucket(options.Burst, options.PermitsPerSecond));
        });

    // Open event streams are counted apart: a stream is one request that lasts hours.
    private static PartitionedRateLimiter<HttpContext> StreamLimiter(IOptions<RateLimitOptions> settings) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var options = settings.Value;
            if (Exempt(http, options) || !http.Request.Path.StartsWithSegments("/livestream") || !http.Request.Path.Value!.EndsWith("/stream", StringComparison.Ordinal))
                return RateLimitPartition.GetNoLimiter("not a stream");
            return RateLimitPartition.GetConcurrencyLimiter("streams:" + Address(http),
                _ => new ConcurrencyLimiterOptions { PermitLimit = options.MaxStreamsPerClient, QueueLimit = 0 });
        });

    private static TokenBucketRateLimiterOptions Bucket(int burst, int perSecond) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static bool Exempt(HttpContext http, RateLimitOptions options) =>
        !options.Enabled
        || !LimitedPrefixes.Any(p => http.Request.Path.StartsWithSegments(p))
        || options.ExemptLoopback && (http.Connection.RemoteIpAddress is not { } ip || IPAddress.IsLoopback(ip));

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "local";

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var isStream = http.Request.Path.Value?.EndsWith("/stream", StringComparison.Ordinal) == true;
        var text = isStream
            ? "Too many open event streams from this address; close one first (RateLimits:MaxStreamsPerClient)."
            : $"Too many requests from this address; try again in {seconds} s, or ask the operator for an API key (RateLimits).";
        await http.Response.WriteAsJsonAsync(new FinkError(text, "rate-limit"), cancellationToken);
    }
}
