using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using FinkTom.Core.Api;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Security;

/// <summary>ASP.NET Core's rate limiter, partitioned per client address (or per known credential), on the public
/// endpoints; and the forwarded-headers step that tells clients apart behind a reverse proxy on this machine.</summary>
public static class RateLimiting
{
    public static IServiceCollection AddFinkRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CallerCredentials>();
        // Only proxies on this machine (loopback, the default known networks) are trusted to say who the client is.
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        services.AddRateLimiter(_ => { });
        services.AddSingleton<IConfigureOptions<RateLimiterOptions>, LimiterSetup>();
        return services;
    }

    public static WebApplication UseFinkRateLimits(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Builds the global limiter from the options and the credentials check, injected like any service.</summary>
    private sealed class LimiterSetup(IOptions<RateLimitOptions> limits, CallerCredentials callers) : IConfigureOptions<RateLimiterOptions>
    {
        private static readonly string[] LimitedPrefixes = ["/api", "/odata", "/livestream", "/tap", "/scs", "/lsst/scs"];
        private readonly RateLimitOptions _options = limits.Value;

        public void Configure(RateLimiterOptions limiter)
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(RequestLimiter(), StreamLimiter());
        }

        private PartitionedRateLimiter<HttpContext> RequestLimiter() => PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            if (Exempt(http))
                return RateLimitPartition.GetNoLimiter("exempt");
            if (callers.Identify(http.Request) is { } credential)
                return RateLimitPartition.GetTokenBucketLimiter(credential, _ => Bucket(_options.KeyBurst, _options.KeyPermitsPerSecond));
            return RateLimitPartition.GetTokenBucketLimiter("ip:" + Address(http), _ => Bucket(_options.Burst, _options.PermitsPerSecond));
        });

        // Open event streams are counted apart: a stream is one request that lasts hours.
        private PartitionedRateLimiter<HttpContext> StreamLimiter() => PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            if (Exempt(http) || !http.Request.Path.StartsWithSegments("/livestream") || !IsStream(http))
                return RateLimitPartition.GetNoLimiter("not a stream");
            return RateLimitPartition.GetConcurrencyLimiter("streams:" + Address(http),
                _ => new ConcurrencyLimiterOptions { PermitLimit = _options.MaxStreamsPerClient, QueueLimit = 0 });
        });

        private static TokenBucketRateLimiterOptions Bucket(int burst, int perSecond) => new()
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };

        private bool Exempt(HttpContext http) =>
            !_options.Enabled
            || !LimitedPrefixes.Any(p => http.Request.Path.StartsWithSegments(p))
            || _options.ExemptLoopback && (http.Connection.RemoteIpAddress is not { } ip || IPAddress.IsLoopback(ip));
    }

    private static bool IsStream(HttpContext http) => http.Request.Path.Value?.EndsWith("/stream", StringComparison.Ordinal) == true;

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "local";

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var text = IsStream(http)
            ? "Too many open event streams from this address; close one first (RateLimits:MaxStreamsPerClient)."
            : $"Too many requests from this address; try again in {seconds} s, or ask the operator for an API key (RateLimits).";
        await http.Response.WriteAsJsonAsync(new FinkError(text, "rate-limit"), cancellationToken);
    }
}
