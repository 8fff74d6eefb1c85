using FinkTom.Kafka;
using FinkTom.Kafka.Livestream;
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
        services.AddOptions<KafkaOptions>().PostConfigure(o =>
        {
            if (string.IsNullOrWhiteSpace(o.Publish.OutboxPath))
                o.Publish.OutboxPath = Path.Combine(DataFolder(configuration), outboxFile);
        });
        services.AddOptions<LivestreamOptions>().BindConfiguration(LivestreamOptions.SectionName);
        services.AddSingleton<IFilterLanguage, ODataFilterLanguage>();
        services.AddSingleton(sp => new SqliteFilterTable(FiltersPath(sp, configuration)));
        services.AddSingleton<IFilterRepository, SqliteFilterRepository>();
        return services.AddKafkaLivestreams(configuration, consume);
    }

    /// <summary>The SQLite store's folder, or <c>finktom-data</c> with Elasticsearch.</summary>
    private static string DataFolder(IConfiguration configuration) =>
        string.Equals(configuration["Store:Backend"], "elasticsearch", StringComparison.OrdinalIgnoreCase)
            ? "finktom-data"
            : Path.GetDirectoryName(Path.GetFullPath(configuration.GetSection(SqliteStoreOptions.SectionName).Get<SqliteStoreOptions>()?.DatabasePath
                ?? new SqliteStoreOptions().DatabasePath))!;

    private static string FiltersPath(IServiceProvider services, IConfiguration configuration)
    {
        var configured = services.GetRequiredService<IOptions<LivestreamOptions>>().Value.FiltersDatabasePath;
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;
        return string.Equals(configuration["Store:Backend"], "elasticsearch", StringComparison.OrdinalIgnoreCase)
            ? Path.Combine("finktom-data", "livestream.db")
            : services.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.DatabasePath;
    }
}
