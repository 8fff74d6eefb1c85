namespace FinkTom.Store.Sqlite;

/// <summary>Where the embedded store keeps its database file. Bound from the <c>Store:Sqlite</c> configuration section.</summary>
public sealed class SqliteStoreOptions
{
    public const string SectionName = "Store:Sqlite";

    /// <summary>Full path of the database file. Defaults to <c>{data dir}/finktom.db</c>.</summary>
    public string DatabasePath { get; set; } = Path.Combine("finktom-data", "finktom.db");

    /// <summary>SQLite page cache per connection, in MiB (negative PRAGMA cache_size is KiB).</summary>
    public int CacheSizeMiB { get; set; } = 16;

    /// <summary>
    /// Page cache of the one connection that writes, in MiB (the larger of this and <see cref="CacheSizeMiB"/>).
    /// Every alert inserts into several B-trees at random places (objects, history, the object index, the R*Tree);
    /// the more of their pages stay cached, the fewer are read back from the OS at each insert. Filled only as
    /// writes touch pages; raise it for bulk loads (<c>Store__Sqlite__WriteCacheSizeMiB=1024 finktom ingest ...</c>).
    /// </summary>
    public int WriteCacheSizeMiB { get; set; } = 64;
}
