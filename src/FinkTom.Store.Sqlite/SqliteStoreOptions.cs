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
    /// Page cache of the one connection that writes, in MiB (the larger of this and <see cref="CacheSizeMiB"/>). It is
    /// kept between batches, so the index pages the last batch touched are still there for the next. 16, 64 and
    /// 512 MiB measured the same up to 1 M alerts (bench/README.md); larger stores, whose random inserts into the
    /// object and history B-trees outgrow it, may gain from more (<c>Store__Sqlite__WriteCacheSizeMiB=1024</c>).
    /// </summary>
    public int WriteCacheSizeMiB { get; set; } = 16;
}
