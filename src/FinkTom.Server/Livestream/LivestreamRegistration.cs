using FinkTom.Kafka;
using FinkTom.Kafka.Livestream;
using FinkTom.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Livestream;

public static class LivestreamRegistration
{
    /// <summary>Filters (persisted in SQLite), SSE streams, Kafka publication and ingestion from the <c>Kafka</c> section.
    /// Call after the store is registered: it wraps the store so that new alerts feed the livestreams.</summary>
    public static IServiceCollection AddLivestreams(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LivestreamOptions>().BindConfiguration(LivestreamOptions.SectionName);
        services.AddSingleton<IFilterLanguage, ODataFilterLanguage>();
        services.AddSingleton(sp => new SqliteFilterTable(FiltersPath(sp, configuration)));
        services.AddSingleton<IFilterRepository, SqliteFilterRepository>();
        return services.AddKafkaLivestreams(configuration);
    }

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
