namespace FinkTom.Store.Sqlite;

/// <summary>Where the embedded store keeps its database file. Bound from the <c>Store:Sqlite</c> configuration section.</summary>
public sealed class SqliteStoreOptions
{
    public const string SectionName = "Store:Sqlite";

    /// <summary>Full path of the database file. Defaults to <c>{data dir}/finktom.db</c>.</summary>
    public string DatabasePath { get; set; } = Path.Combine("finktom-data", "finktom.db");

    /// <summary>SQLite page cache per connection, in MiB (negative PRAGMA cache_size is KiB).</summary>
    public int CacheSizeMiB { get; set; } = 16;
}
