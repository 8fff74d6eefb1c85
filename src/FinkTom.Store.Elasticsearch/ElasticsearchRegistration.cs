using FinkTom.Core.Store;
using FinkTom.Store.Elasticsearch.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace FinkTom.Store.Elasticsearch;

public static class ElasticsearchRegistration
{
    /// <summary>
    /// The Elasticsearch store as the <see cref="IAlertReader"/> (the host makes it ZTF's writer too): options
    /// from <c>Store:Elasticsearch</c> (checked at start), the typed Refit client on a factory-managed <see cref="HttpClient"/>,
    /// and the store.
    /// </summary>
    public static IServiceCollection AddElasticsearchAlertStore(this IServiceCollection services)
    {
        services.AddOptions<ElasticsearchStoreOptions>()
            .BindConfiguration(ElasticsearchStoreOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ElasticsearchStoreOptions>, ProblemsValidator>();
        services.AddRefitGeneratedClient<IElasticsearchApi>(_ => ElasticsearchHttp.RefitSettings())
            .ConfigureHttpClient((sp, http) => ElasticsearchHttp.Configure(http, Options(sp)))
            .ConfigurePrimaryHttpMessageHandler(sp => ElasticsearchHttp.PrimaryHandler(Options(sp)));
        services.AddSingleton(sp => new ElasticsearchAlertStore(sp.GetRequiredService<IElasticsearchApi>(), Options(sp)));
        services.AddSingleton<IAlertReader>(sp => sp.GetRequiredService<ElasticsearchAlertStore>());
        return services; // the writer: the host routes each survey's alerts (ZTF's here)
    }

    private static ElasticsearchStoreOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ElasticsearchStoreOptions>>().Value;

    /// <summary>Reports every problem by name, rather than one generic failure.</summary>
    private sealed class ProblemsValidator : IValidateOptions<ElasticsearchStoreOptions>
    {
        public ValidateOptionsResult Validate(string? name, ElasticsearchStoreOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
