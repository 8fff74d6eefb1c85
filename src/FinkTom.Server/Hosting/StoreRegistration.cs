using FinkTom.Core.Annotations;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Core.Tns;
using FinkTom.Store.Elasticsearch;
using FinkTom.Store.Elasticsearch.Annotations;
using FinkTom.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Hosting;

/// <summary>
/// Chooses the store backend from configuration and gives each survey its store. ZTF's is the unkeyed
/// <see cref="IAlertReader"/> (the Fink API at <c>/api/v1</c>, OData, the portal); Rubin's is the
/// <see cref="IAlertReader"/> keyed <c>"lsst"</c> (<see cref="SurveyStores.Lsst"/>). The one <see cref="IAlertWriter"/> is a
/// <see cref="SurveyAlertWriter"/> sending each alert to its survey's store.
/// </summary>
/// <remarks>Rubin alerts live in the embedded SQLite file of the data folder whatever <c>Store:Backend</c> says, until
/// the Elasticsearch store learns their layout.</remarks>
public static class StoreRegistration
{
    public static IServiceCollection AddAlertStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.SectionName)
            .Validate(o => o.Backend.ToLowerInvariant() is "sqlite" or "elasticsearch", "Store:Backend must be 'sqlite' or 'elasticsearch'.")
            .ValidateOnStart();
        services.AddOptions<SqliteStoreOptions>().BindConfiguration(SqliteStoreOptions.SectionName)
            .Validate(o => o.CacheSizeMiB >= 1 && o.WriteCacheSizeMiB >= 1,
                "Store:Sqlite:CacheSizeMiB and Store:Sqlite:WriteCacheSizeMiB must be at least 1 (MiB).")
            .ValidateOnStart();

        // The backend decides what is registered, so it is read here, once; everything else asks IOptions<StoreOptions>.
        if ((configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>() ?? new StoreOptions()).IsElasticsearch)
        {
            services.AddElasticsearchAlertStore(); // Store:Elasticsearch:Url, ApiKey or Username/Password, IndexPrefix
            services.AddKeyedSingleton<IAlertWriter>(SurveyStores.Ztf, (sp, _) => sp.GetRequiredService<ElasticsearchAlertStore>());
            services.AddSingleton<IAnnotationStore>(sp => new ElasticsearchAnnotationStore(
                sp.GetRequiredService<Elastic.Clients.Elasticsearch.ElasticsearchClient>(), sp.GetRequiredService<IOptions<ElasticsearchStoreOptions>>().Value));
            // Livestream filters in the cluster: every instance on it (same IndexPrefix) uses the same filters.
            services.AddSingleton<FinkTom.Livestream.Filters.IFilterStore>(sp => new Store.Elasticsearch.Livestream.ElasticsearchFilterStore(
                sp.GetRequiredService<Elastic.Clients.Elasticsearch.ElasticsearchClient>(), sp.GetRequiredService<IOptions<ElasticsearchStoreOptions>>().Value));
        }
        else
        {
            services.AddSingleton(sp => new SqliteAlertStore(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value));
            services.AddSingleton<IAlertReader>(sp => sp.GetRequiredService<SqliteAlertStore>());
            services.AddKeyedSingleton<IAlertWriter>(SurveyStores.Ztf, (sp, _) => sp.GetRequiredService<SqliteAlertStore>());
            services.AddSingleton<IAnnotationStore>(sp => new SqliteAnnotationStore(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value));
        }

        services.AddKeyedSingleton(SurveyStores.Lsst, (sp, _) =>
            new SqliteAlertStore(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value, Survey.Lsst));
        services.AddKeyedSingleton<IAlertReader>(SurveyStores.Lsst, (sp, key) => sp.GetRequiredKeyedService<SqliteAlertStore>(key));
        services.AddKeyedSingleton<IAlertWriter>(SurveyStores.Lsst, (sp, key) => sp.GetRequiredKeyedService<SqliteAlertStore>(key));

        services.AddSingleton(sp => new SurveyReaders(new Dictionary<Survey, IAlertReader>
        {
            [Survey.Ztf] = sp.GetRequiredService<IAlertReader>(),
            [Survey.Lsst] = sp.GetRequiredKeyedService<IAlertReader>(SurveyStores.Lsst),
        }));
        // The imported TNS catalogue (finktom import-tns) lives beside the SQLite file, whatever the backend; raw ZTF
        // alerts get their d:tns from it on the way in.
        services.AddSingleton<ITnsCatalog>(sp => new TnsCatalogFile(TnsCatalogPath(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value)));
        services.AddSingleton<IAlertWriter>(sp => new SurveyAlertWriter(new Dictionary<Survey, IAlertWriter>
        {
            [Survey.Ztf] = sp.GetRequiredKeyedService<IAlertWriter>(SurveyStores.Ztf),
            [Survey.Lsst] = sp.GetRequiredKeyedService<IAlertWriter>(SurveyStores.Lsst),
        }));
        return services;
    }

    /// <summary>
    /// Raw ZTF alerts get <c>d:tns</c> from the imported TNS catalogue before anything else sees them. Call last, after
    /// <c>AddLivestreams</c>: the tagging then wraps the livestreams' writer, so filters such as <c>tns_match</c> (and the
    /// outbox, which records matches before the store write) see the tag.
    /// </summary>
    public static IServiceCollection AddTnsTagging(this IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IAlertWriter) && !d.IsKeyedService);
        services.Remove(original);
        services.AddSingleton<IAlertWriter>(sp => new TnsTaggingWriter((IAlertWriter)(original.ImplementationInstance
            ?? original.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)),
            sp.GetRequiredService<ITnsCatalog>()));
        return services;
    }

    /// <summary><c>tns.db</c> in the folder of the SQLite database (the data folder unless Store:Sqlite:DatabasePath says otherwise).</summary>
    public static string TnsCatalogPath(SqliteStoreOptions sqlite) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sqlite.DatabasePath))!, "tns.db");
}

/// <summary>Service keys of the per-survey stores.</summary>
public static class SurveyStores
{
    public const string Ztf = "ztf";
    public const string Lsst = "lsst";
}
