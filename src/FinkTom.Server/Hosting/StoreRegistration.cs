using FinkTom.Core.Store;
using FinkTom.Store.Elasticsearch;
using FinkTom.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Hosting;

/// <summary>Chooses the store backend from configuration; the rest of the server sees only <see cref="IAlertReader"/> and
/// <see cref="IAlertWriter"/>, both the one backend instance.</summary>
public static class StoreRegistration
{
    public static IServiceCollection AddAlertStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.SectionName)
            .Validate(o => o.Backend.ToLowerInvariant() is "sqlite" or "elasticsearch", "Store:Backend must be 'sqlite' or 'elasticsearch'.")
            .ValidateOnStart();
        // The backend decides what is registered, so it is read here, once; everything else asks IOptions<StoreOptions>.
        if ((configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>() ?? new StoreOptions()).IsElasticsearch)
            return services.AddElasticsearchAlertStore(); // Store:Elasticsearch:Url, ApiKey or Username/Password, IndexPrefix
        services.AddOptions<SqliteStoreOptions>().BindConfiguration(SqliteStoreOptions.SectionName)
            .Validate(o => o.CacheSizeMiB >= 1 && o.WriteCacheSizeMiB >= 1,
                "Store:Sqlite:CacheSizeMiB and Store:Sqlite:WriteCacheSizeMiB must be at least 1 (MiB).")
            .ValidateOnStart();
        services.AddSingleton(sp => new SqliteAlertStore(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value));
        services.AddSingleton<IAlertReader>(sp => sp.GetRequiredService<SqliteAlertStore>());
        services.AddSingleton<IAlertWriter>(sp => sp.GetRequiredService<SqliteAlertStore>());
        return services;
    }
}
