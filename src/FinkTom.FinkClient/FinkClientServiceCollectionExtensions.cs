using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace FinkTom.FinkClient;

public static class FinkClientServiceCollectionExtensions
{
    /// <summary>The named <c>HttpClient</c> behind <see cref="IFinkApi"/>: add handlers (retries, logging) to the builder returned.</summary>
    public const string HttpClientName = "FinkApi";

    /// <summary>
    /// Registers <see cref="IFinkApi"/> (on a named <c>HttpClient</c>) and <see cref="FinkClient"/>, with
    /// <see cref="FinkClientOptions"/> bound from the <c>FinkClient</c> section and checked at start-up.
    /// </summary>
    public static IHttpClientBuilder AddFinkClient(this IServiceCollection services, Action<FinkClientOptions>? configure = null)
    {
        var options = services.AddOptions<FinkClientOptions>().BindConfiguration(FinkClientOptions.SectionName);
        if (configure is not null)
            options.Configure(configure);
        options.Validate(o => o.Problem() is null, "FinkClient options are invalid: see FinkClientOptions.Problem().").ValidateOnStart();
        services.AddTransient<FinkClient>();
        // The interface's implementation is generated at build time (Refit's source generator); RestService.For finds it.
        services.AddTransient(provider => RestService.For<IFinkApi>(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), FinkClient.RefitSettings));
        return services.AddHttpClient(HttpClientName,
            (provider, http) => FinkClient.Configure(http, provider.GetRequiredService<IOptions<FinkClientOptions>>().Value));
    }
}
