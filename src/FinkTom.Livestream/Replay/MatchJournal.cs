using Microsoft.Data.Sqlite;

namespace FinkTom.Livestream.Replay;

/// <summary>One journalled match: alert <see cref="Candid"/> matched <see cref="Filter"/>; <see cref="Seq"/> is the SSE event id.</summary>
public readonly record struct JournalEntry(long Seq, string Filter, long Candid);

/// <summary>
/// The order in which newly stored alerts matched each filter, so that an SSE client reconnecting with
/// <c>Last-Event-ID</c> is sent what it missed. Neither the store (no insertion order) nor the Kafka outbox (rows
/// deleted once acknowledged, and only with Kafka) keeps that, hence this small SQLite file of (seq, filter, candid,
/// time) rows; the alerts themselves are read back from the store. Rows older than the replay window are pruned.
/// </summary>
public sealed class MatchJournal : IDisposable
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    public MatchJournal(string path, TimeSpan maxAge, TimeProvider? clock = null)
    {
        MaxAge = maxAge;
        _clock = clock ?? TimeProvider.System;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS livestream_matches (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                filter TEXT NOT NULL,
                candid INTEGER NOT NULL,
                stored_ms INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS livestream_matches_filter ON livestream_matches (filter, seq);
            """);
    }

    /// <summary>How long a match stays replayable.</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>Records matches in one transaction, in the given order; returns their sequence numbers.</summary>
    public long[] Append(IReadOnlyList<(string Filter, long Candid)> matches)
    {
        var seqs = new long[matches.Count];
        var now = _clock.GetUtcNow();
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO livestream_matches (filter, candid, stored_ms) VALUES ($f, $c, $t) RETURNING seq";
            var filter = insert.Parameters.Add("$f", SqliteType.Text);
            var candid = insert.Parameters.Add("$c", SqliteType.Integer);
            insert.Parameters.AddWithValue("$t", now.ToUnixTimeMilliseconds());
            for (var i = 0; i < matches.Count; i++)
            {
                (filter.Value, candid.Value) = matches[i];
                seqs[i] = (long)insert.ExecuteScalar()!;
            }
            if (now - _lastPrune >= PruneEvery)
            {
                Prune(transaction, now);
                _lastPrune = now;
            }
            transaction.Commit();
        }
        return seqs;
    }

    /// <summary>The highest sequence number ever given (0 for a new journal): ids above it were not sent by this journal.</summary>
    public long LastSeq()
    {
        lock (_lock)
            return Scalar("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'livestream_matches'), 0)") ?? 0;
    }

    /// <summary>The oldest sequence number still inside the window (null when none is).</summary>
    public long? FirstKept()
    {
        lock (_lock)
            return Scalar($"SELECT MIN(seq) FROM livestream_matches WHERE stored_ms >= {Cutoff()}");
    }

    /// <summary>How many matches of <paramref name="filter"/> inside the window have <paramref name="after"/> &lt; seq ≤ <paramref name="upTo"/>.</summary>
    public long CountAfter(string filter, long after, long upTo)
    {
        lock (_lock)
            return Scalar($"SELECT COUNT(*) FROM livestream_matches WHERE filter = $f AND seq > {after} AND seq <= {upTo} AND stored_ms >= {Cutoff()}",
                filter) ?? 0;
    }

    /// <summary>The newest <paramref name="limit"/> matches of <paramref name="filter"/> with <paramref name="after"/> &lt; seq ≤
    /// <paramref name="upTo"/> inside the window, oldest first.</summary>
    public List<JournalEntry> ReadAfter(string filter, long after, long upTo, int limit)
    {
        var rows = new List<JournalEntry>();
        lock (_lock)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = $"""
                SELECT seq, candid FROM (SELECT seq, candid FROM livestream_matches
                    WHERE filter = $f AND seq > {after} AND seq <= {upTo} AND stored_ms >= {Cutoff()} ORDER BY seq DESC LIMIT {limit})
                ORDER BY seq
                """;
            select.Parameters.AddWithValue("$f", filter);
            using var reader = select.ExecuteReader();
            while (reader.Read())
                rows.Add(new JournalEntry(reader.GetInt64(0), filter, reader.GetInt64(1)));
        }
        return rows;
    }

    private long Cutoff() => (_clock.GetUtcNow() - MaxAge).ToUnixTimeMilliseconds();

    private void Prune(SqliteTransaction transaction, DateTimeOffset now)
    {
        using var delete = _connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = $"DELETE FROM livestream_matches WHERE stored_ms < {(now - MaxAge).ToUnixTimeMilliseconds()}";
        delete.ExecuteNonQuery();
    }

    private long? Scalar(string sql, string? filter = null)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        if (filter is not null)
            command.Parameters.AddWithValue("$f", filter);
        return command.ExecuteScalar() is long value ? value : null;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        lock (_lock)
            _connection.Dispose();
    }
}
