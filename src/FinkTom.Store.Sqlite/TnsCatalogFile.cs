using FinkTom.Core.Tns;
using Microsoft.Data.Sqlite;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// The imported TNS catalogue, in its own SQLite file of the data folder (<c>tns.db</c>), whatever the alert store
/// backend: it is reference data, replaced whole by each import. A running server sees a re-import at its next
/// cross-match (the import bumps a version the server compares per ingest batch).
/// </summary>
public sealed class TnsCatalogFile(string path) : ITnsCatalog
{
    private readonly object _gate = new();
    private (long Version, TnsSky Sky)? _sky;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS tns_objects (id INTEGER PRIMARY KEY, fullname TEXT NOT NULL, ra REAL NOT NULL, dec REAL NOT NULL,
            type TEXT, redshift REAL);
        -- Fink's tns_resolver rows: lower(fullname_internalname) → the object.
        CREATE TABLE IF NOT EXISTS tns_names (key TEXT PRIMARY KEY, object INTEGER NOT NULL, internalname TEXT NOT NULL) WITHOUT ROWID;
        """;

    public async Task<int> ReplaceAsync(IEnumerable<TnsEntry> entries, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var connection = Open(SqliteOpenMode.ReadWriteCreate);
        Execute(connection, "PRAGMA journal_mode = WAL;" + Schema);
        await using var transaction = connection.BeginTransaction();
        Execute(connection, "DELETE FROM tns_names; DELETE FROM tns_objects;", transaction);
        using var insertObject = Command(connection, transaction, "INSERT INTO tns_objects (id, fullname, ra, dec, type, redshift) VALUES ($i, $f, $r, $d, $t, $z)");
        using var insertName = Command(connection, transaction, "INSERT OR REPLACE INTO tns_names (key, object, internalname) VALUES ($k, $i, $n)");
        var id = 0;
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            id++;
            Bind(insertObject, ("$i", id), ("$f", entry.FullName), ("$r", entry.Ra), ("$d", entry.Dec), ("$t", entry.Type), ("$z", entry.Redshift));
            insertObject.ExecuteNonQuery();
            foreach (var name in entry.InternalNames)
            {
                Bind(insertName, ("$k", (entry.FullName + "_" + name).ToLowerInvariant()), ("$i", id), ("$n", name));
                insertName.ExecuteNonQuery();
            }
        }
        Execute(connection, "INSERT INTO meta (key, value) VALUES ('version', '1') ON CONFLICT (key) DO UPDATE SET value = value + 1;", transaction);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<IReadOnlyList<TnsResolverRow>> ResolveAsync(string name, bool reverse, int limit, CancellationToken cancellationToken = default)
    {
        var rows = new List<TnsResolverRow>();
        if (!File.Exists(Path))
            return rows;
        await using var connection = Open(SqliteOpenMode.ReadOnly);
        await using var command = connection.CreateCommand();
        // Forward: a key range (the primary key answers it); reverse: '_name' anywhere in the key, as Fink scans.
        var where = reverse ? "instr(n.key, '_' || $n) > 0" : "n.key >= $n AND n.key < $n || char(1114111)";
        command.CommandText = $"""
            SELECT o.fullname, n.internalname, o.ra, o.dec, o.type, o.redshift FROM tns_names n JOIN tns_objects o ON o.id = n.object
            WHERE {where} ORDER BY n.key LIMIT $l
            """;
        command.Parameters.AddWithValue("$n", name.ToLowerInvariant());
        command.Parameters.AddWithValue("$l", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new TnsResolverRow(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetDouble(5)));
        return rows;
    }

    public string? TypeNear(double ra, double dec, double radiusArcsec) => CurrentSky()?.TypeNear(ra, dec, radiusArcsec);

    /// <summary>The classified entries of the current import, reloaded when the file's version moved; null before any import.</summary>
    private TnsSky? CurrentSky()
    {
        if (!File.Exists(Path))
            return null;
        lock (_gate)
        {
            using var connection = Open(SqliteOpenMode.ReadOnly);
            using var version = connection.CreateCommand();
            version.CommandText = "SELECT value FROM meta WHERE key = 'version'";
            if (version.ExecuteScalar() is not string text || !long.TryParse(text, out var current))
                return null;
            if (_sky is { } loaded && loaded.Version == current)
                return loaded.Sky;
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT ra, dec, type FROM tns_objects WHERE type IS NOT NULL";
            using var reader = read.ExecuteReader();
            var classified = new List<(double, double, string)>();
            while (reader.Read())
                classified.Add((reader.GetDouble(0), reader.GetDouble(1), reader.GetString(2)));
            var sky = new TnsSky(classified);
            _sky = (current, sky);
            return sky;
        }
    }

    private SqliteConnection Open(SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 5000;");
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in values)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
