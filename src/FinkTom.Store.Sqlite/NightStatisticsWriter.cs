using FinkTom.Core.Model;
using FinkTom.Core.Statistics;
using Microsoft.Data.Sqlite;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// Adds each new alert to its night's counters (<see cref="NightCounters"/>) inside the transaction that inserts it, so
/// /api/v1/statistics reads finished counts and never scans alerts. Distinct counts (exposures, fields) keep their
/// values per night; the counter moves only when the value is new to the night.
/// </summary>
internal sealed class NightStatisticsWriter : IDisposable
{
    private readonly RawStatement _count;
    private readonly RawStatement _distinct;

    public NightStatisticsWriter(SqliteConnection connection)
    {
        _count = new RawStatement(connection,
            "INSERT INTO night_counts (night, name, n) VALUES (?1, ?2, 1) ON CONFLICT (night, name) DO UPDATE SET n = n + 1");
        _distinct = new RawStatement(connection, "INSERT OR IGNORE INTO night_distinct (night, name, value) VALUES (?1, ?2, ?3)");
    }

    public static string CreateStatements => """
        -- /api/v1/statistics: one counter per (night, Fink column), kept by every alert insert.
        CREATE TABLE IF NOT EXISTS night_counts (night TEXT NOT NULL, name TEXT NOT NULL, n INTEGER NOT NULL,
            PRIMARY KEY (night, name)) WITHOUT ROWID;
        -- The values behind the distinct counters (basic:exposures, basic:fields) of each night.
        CREATE TABLE IF NOT EXISTS night_distinct (night TEXT NOT NULL, name TEXT NOT NULL, value REAL NOT NULL,
            PRIMARY KEY (night, name, value)) WITHOUT ROWID;
        """;

    public const string ReadyKey = "night_stats_ready";

    public void Add(Alert alert)
    {
        var night = NightCounters.NightOf(alert.Jd);
        foreach (var counter in NightCounters.CountersOf(alert))
            Bump(night, counter);
        foreach (var (counter, value) in NightCounters.DistinctValues(alert))
        {
            _distinct.Bind(1, night);
            _distinct.Bind(2, counter);
            _distinct.Bind(3, value);
            if (_distinct.Execute() > 0)
                Bump(night, counter);
        }
    }

    private void Bump(string night, string counter)
    {
        _count.Bind(1, night);
        _count.Bind(2, counter);
        _count.Execute();
    }

    public void Dispose()
    {
        _count.Dispose();
        _distinct.Dispose();
    }
}
