using Microsoft.Data.Sqlite;

namespace FinkTom.Livestream.Publication;

/// <summary>One publication owed: alert <see cref="Candid"/> to <see cref="Topic"/>; <see cref="Seq"/> orders them.</summary>
public readonly record struct OutboxEntry(long Seq, long Candid, string Topic);

/// <summary>
/// The durable list of livestream messages not yet acknowledged by the broker: a small SQLite file (WAL) owned by one
/// process. Rows are written before the alerts' store write and removed from delivery reports, so a crash loses no
/// publication. One row per (candid, topic): an alert delivered to one topic but not another is re-sent only where it
/// is missing. The file is locked exclusively while open, so two processes never publish from the same outbox.
/// </summary>
public sealed class LivestreamOutbox : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private long _depth;

    public LivestreamOutbox(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        _connection.Open();
        try
        {
            // synchronous=NORMAL in WAL: a committed row survives a process crash (an OS crash may lose the last ones).
            Execute("PRAGMA busy_timeout = 2000; PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
            Execute("""
                CREATE TABLE IF NOT EXISTS outbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    candid INTEGER NOT NULL,
                    topic TEXT NOT NULL,
                    UNIQUE (candid, topic));
                """);
            using var count = _connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM outbox";
            using var reader = count.ExecuteReader();
            reader.Read();
            _depth = reader.GetInt64(0);
            Recovered = _depth;
            LastSeq = reader.GetInt64(1);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // SQLITE_BUSY / SQLITE_LOCKED
        {
            _connection.Dispose();
            throw new InvalidOperationException(
                $"The livestream outbox {Path} is in use by another finktom process; give this one its own Kafka:Publish:OutboxPath.", e);
        }
    }

    public string Path { get; }

    /// <summary>Messages still owed (rows on disk).</summary>
    public long Depth => Interlocked.Read(ref _depth);

    /// <summary>Messages the file held when it was opened (left undelivered by the previous run).</summary>
    public long Recovered { get; }

    /// <summary>The highest sequence number written so far (at open: of the rows left by the previous run).</summary>
    public long LastSeq { get; private set; }

    /// <summary>
    /// Serialises "record, write to the store, settle" against the publisher's "alert absent from the store → drop its
    /// rows", so that a row is never dropped while the write that stores its alert is under way.
    /// </summary>
    public SemaphoreSlim WriteGate { get; } = new(1, 1);

    /// <summary>Records publications in one transaction; returns the rows this call created (an existing
    /// (candid, topic) row belongs to an earlier write and is left as it is).</summary>
    public List<OutboxEntry> Add(IEnumerable<(long Candid, IReadOnlyList<string> Topics)> owed)
    {
        var created = new List<OutboxEntry>();
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR IGNORE INTO outbox (candid, topic) VALUES ($c, $t) RETURNING seq";
            var candid = insert.Parameters.Add("$c", SqliteType.Integer);
            var topic = insert.Parameters.Add("$t", SqliteType.Text);
            foreach (var (id, topics) in owed)
            {
                foreach (var name in topics)
                {
                    candid.Value = id;
                    topic.Value = name;
                    if (insert.ExecuteScalar() is long seq)
                        created.Add(new OutboxEntry(seq, id, name));
                }
            }
            transaction.Commit();
            if (created.Count > 0)
                LastSeq = Math.Max(LastSeq, created[^1].Seq);
            _depth += created.Count;
        }
        return created;
    }

    /// <summary>Removes rows (delivered, or owed by an alert the store did not take) in one transaction.</summary>
    public void Remove(IReadOnlyCollection<long> seqs)
    {
        if (seqs.Count == 0)
            return;
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using var delete = _connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM outbox WHERE seq = $s";
            var seq = delete.Parameters.Add("$s", SqliteType.Integer);
            var removed = 0;
            foreach (var s in seqs)
            {
                seq.Value = s;
                removed += delete.ExecuteNonQuery();
            }
            transaction.Commit();
            _depth -= removed;
        }
    }

    /// <summary>Rows with <paramref name="after"/> &lt; seq ≤ <paramref name="upTo"/>, oldest first.</summary>
    public List<OutboxEntry> Read(long after, long upTo, int limit)
    {
        var rows = new List<OutboxEntry>();
        lock (_lock)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT seq, candid, topic FROM outbox WHERE seq > $a AND seq <= $u ORDER BY seq LIMIT $l";
            select.Parameters.AddWithValue("$a", after);
            select.Parameters.AddWithValue("$u", upTo);
            select.Parameters.AddWithValue("$l", limit);
            using var reader = select.ExecuteReader();
            while (reader.Read())
                rows.Add(new OutboxEntry(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
        }
        return rows;
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
        WriteGate.Dispose();
    }
}
