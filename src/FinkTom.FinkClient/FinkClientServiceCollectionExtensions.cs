using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace FinkTom.FinkClient;

public static class FinkClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IFinkApi"/> (a typed <c>HttpClient</c>) and <see cref="FinkClient"/>, with
    /// <see cref="FinkClientOptions"/> bound from the <c>FinkClient</c> section and checked at start-up.
    /// </summary>
    public static IHttpClientBuilder AddFinkClient(this IServiceCollection services, Action<FinkClientOptions>? configure = null)
    {
        var options = services.AddOptions<FinkClientOptions>().BindConfiguration(FinkClientOptions.SectionName);
        if (configure is not null)
            options.Configure(configure);
        options.Validate(o => o.Problem() is null, "FinkClient options are invalid: see FinkClientOptions.Problem().").ValidateOnStart();
        services.AddTransient<FinkClient>();
        return services.AddRefitClient<IFinkApi>(FinkClient.RefitSettings)
            .ConfigureHttpClient((provider, http) => FinkClient.Configure(http, provider.GetRequiredService<IOptions<FinkClientOptions>>().Value));
    }
}
