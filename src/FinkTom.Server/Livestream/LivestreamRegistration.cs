using FinkTom.Core.Store;
using FinkTom.Kafka;
using FinkTom.Kafka.Livestream;
using FinkTom.Server.Hosting;
using FinkTom.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Livestream;

public static class LivestreamRegistration
{
    /// <summary>Filters (persisted in SQLite), SSE streams, Kafka publication and ingestion from the <c>Kafka</c> section.
    /// Call after the store is registered: it wraps the store so that new alerts feed the livestreams.
    /// <paramref name="outboxFile"/>: the Kafka outbox's file name in the data folder when <c>Kafka:Publish:OutboxPath</c>
    /// is not set (each publishing process needs its own); <paramref name="consume"/>: false leaves out Kafka ingestion
    /// (`finktom ingest PATH` publishes but does not consume).</summary>
    public static IServiceCollection AddLivestreams(this IServiceCollection services, IConfiguration configuration,
        string outboxFile = "livestream-outbox.db", bool consume = true)
    {
        services.AddOptions<KafkaOptions>().PostConfigure<IOptions<DataFolderOptions>>((o, data) =>
        {
            if (string.IsNullOrWhiteSpace(o.Publish.OutboxPath))
                o.Publish.OutboxPath = data.Value.PathOf(outboxFile);
        });
        services.AddOptions<LivestreamOptions>().BindConfiguration(LivestreamOptions.SectionName)
            .PostConfigure<IOptions<StoreOptions>, IOptions<DataFolderOptions>, IOptions<SqliteStoreOptions>>((o, store, data, sqlite) =>
            {
                // With the SQLite store, filters are kept in its database (backed up with the alerts).
                if (string.IsNullOrWhiteSpace(o.FiltersDatabasePath))
                    o.FiltersDatabasePath = store.Value.IsElasticsearch
                        ? data.Value.PathOf("livestream.db")
                        : sqlite.Value.DatabasePath;
            });
        services.AddSingleton<IFilterLanguage, ODataFilterLanguage>();
        services.AddSingleton(sp => new SqliteFilterTable(sp.GetRequiredService<IOptions<LivestreamOptions>>().Value.FiltersDatabasePath));
        services.AddSingleton<IFilterRepository, SqliteFilterRepository>();
        return services.AddKafkaLivestreams(configuration, consume);
    }
}
