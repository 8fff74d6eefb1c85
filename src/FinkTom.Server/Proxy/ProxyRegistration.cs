using System.Net;
using System.Threading.RateLimiting;
using FinkTom.FinkClient;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace FinkTom.Server.Proxy;

/// <summary>Proxy mode: the upstream Fink API behind FinkTom's own endpoints (configuration section <c>Upstream</c>).</summary>
public static class ProxyRegistration
{
    public static IServiceCollection AddFinkProxy(this IServiceCollection services)
    {
        services.AddOptions<UpstreamOptions>().BindConfiguration(UpstreamOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UpstreamOptions>, UpstreamOptionsValidator>();
        services.TryAddSingleton<ProxyClock>();
        services.AddSingleton<SingleFlight>();
        services.AddSingleton<FinkProxy>();
        services.AddTransient<UpstreamCaller>();
        services.AddSingleton<Func<UpstreamCaller>>(sp => () => sp.GetRequiredService<UpstreamCaller>()); // one per call: see FinkProxy
        services.AddTransient<UpstreamHostGuard>();

        // The Refit client of src/FinkTom.FinkClient, pointed at the upstream. Its HttpClient timeout only backs up the pipeline's.
        services.AddOptions<FinkClientOptions>().Configure<IOptions<UpstreamOptions>>((client, upstream) =>
        {
            if (upstream.Value.Url is { } url)
                client.BaseAddress = url;
            client.Timeout = upstream.Value.TotalTimeout + TimeSpan.FromSeconds(5);
            client.UserAgent = "FinkTom proxy";
        });
        var client = services.AddFinkClient()
            // A redirect could point anywhere: it is reported, never followed.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.All });
        client.AddResilienceHandler("fink-upstream", (pipeline, context) =>
            Build(pipeline, context.ServiceProvider.GetRequiredService<IOptions<UpstreamOptions>>().Value, context));
        client.AddHttpMessageHandler<UpstreamHostGuard>(); // innermost: checks every attempt
        return services;
    }

    // Outermost first: whole-call timeout, retries, circuit breaker, rate limit, per-attempt timeout.
    private static void Build(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, UpstreamOptions o, ResilienceHandlerContext context)
    {
        pipeline.AddTimeout(o.TotalTimeout);
        if (o.Retries > 0)
            // Fink's data endpoints are read-only (POST only carries the query), so retrying them is safe.
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = o.Retries,
                Delay = o.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = o.CircuitFailureRatio,
            MinimumThroughput = o.CircuitMinimumCalls,
            SamplingDuration = o.CircuitSamplingDuration,
            BreakDuration = o.CircuitBreakDuration,
        });
        var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.MaxRequestsPerSecond,
            TokensPerPeriod = o.MaxRequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = o.MaxQueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        context.OnPipelineDisposed(limiter.Dispose);
        pipeline.AddRateLimiter(limiter);
        pipeline.AddTimeout(o.Timeout);
    }

    private sealed class UpstreamOptionsValidator : IValidateOptions<UpstreamOptions>
    {
        public ValidateOptionsResult Validate(string? name, UpstreamOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
