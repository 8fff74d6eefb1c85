using FinkTom.Core.Store;
using FinkTom.Livestream;
using FinkTom.Store.Sqlite;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Hosting;

/// <summary>
/// The data folder (<see cref="DataFolderOptions"/>, <c>Data:Directory</c>, <c>--data-dir</c>) and the files placed in it:
/// the SQLite database unless <c>Store:Sqlite:DatabasePath</c> names it, and with it the livestream filters; otherwise
/// the livestreams (<c>livestream.db</c>) and Kafka (the outbox) place their own files there.
/// </summary>
public static class DataFolderRegistration
{
    public static IServiceCollection AddDataFolder(this IServiceCollection services, IConfiguration configuration)
    {
        var databaseKey = $"{SqliteStoreOptions.SectionName}:{nameof(SqliteStoreOptions.DatabasePath)}";
        services.AddOptions<DataFolderOptions>().BindConfiguration(DataFolderOptions.SectionName)
            .PostConfigure<IOptions<StoreOptions>>((data, store) =>
            {
                // Set-ups from before Data:Directory named only the database: its folder stays where the other files go.
                if (string.IsNullOrWhiteSpace(configuration[$"{DataFolderOptions.SectionName}:{nameof(DataFolderOptions.Directory)}"])
                    && !store.Value.IsElasticsearch && configuration[databaseKey] is { Length: > 0 } database)
                    data.Directory = Path.GetDirectoryName(Path.GetFullPath(database))!;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DataFolderOptions>, DataFolderValidator>();
        services.AddOptions<SqliteStoreOptions>().PostConfigure<IOptions<DataFolderOptions>>((sqlite, data) =>
        {
            if (string.IsNullOrWhiteSpace(configuration[databaseKey]))
                sqlite.DatabasePath = data.Value.PathOf("finktom.db");
        });
        // The SQLite store keeps the filters in its database, backed up with the alerts. Registered before the
        // livestreams' own default (the data folder), so it comes first.
        services.AddOptions<LivestreamOptions>().PostConfigure<IOptions<StoreOptions>, IOptions<SqliteStoreOptions>>((livestream, store, sqlite) =>
        {
            if (string.IsNullOrWhiteSpace(livestream.FiltersDatabasePath) && !store.Value.IsElasticsearch)
                livestream.FiltersDatabasePath = sqlite.Value.DatabasePath;
        });
        return services;
    }

    private sealed class DataFolderValidator : IValidateOptions<DataFolderOptions>
    {
        public ValidateOptionsResult Validate(string? name, DataFolderOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
