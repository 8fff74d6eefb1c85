using FinkTom.Core.Store;
using FinkTom.Store.Elasticsearch.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FinkTom.Store.Elasticsearch;

public static class ElasticsearchRegistration
{
    /// <summary>
    /// The Elasticsearch store as the <see cref="IAlertReader"/> (the host makes it ZTF's writer too): options
    /// from <c>Store:Elasticsearch</c> (checked at start), one official <see cref="Elastic.Clients.Elasticsearch.ElasticsearchClient"/>
    /// (thread-safe, holding the connection pool to the cluster's nodes) and the store.
    /// </summary>
    public static IServiceCollection AddElasticsearchAlertStore(this IServiceCollection services)
    {
        services.AddOptions<ElasticsearchStoreOptions>()
            .BindConfiguration(ElasticsearchStoreOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ElasticsearchStoreOptions>, ProblemsValidator>();
        services.AddSingleton(sp => ElasticsearchConnection.CreateClient(Options(sp)));
        services.AddSingleton(sp => new ElasticsearchAlertStore(sp.GetRequiredService<Elastic.Clients.Elasticsearch.ElasticsearchClient>(), Options(sp)));
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
