using System.Runtime.CompilerServices;
using FinkTom.Core.Model;
using FinkTom.Core.Validation;
using FinkTom.Core.Query;
using FinkTom.Core.Statistics;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using Microsoft.Data.Sqlite;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// The embedded default store: one SQLite database file in WAL mode, so readers never wait for the writer.
/// Writes are serialised (SQLite has one writer); each batch is one transaction, so a failed batch leaves
/// what was stored before it untouched. Writes go through one dedicated connection kept open with its statements
/// prepared and its own page cache (<see cref="SqliteStoreOptions.WriteCacheSizeMiB"/>), so the index pages the
/// last batch touched are still in memory for the next. Alert and measurement queries run on a pool of read
/// connections that keep their prepared statements (<see cref="ReadConnectionPool"/>).
/// </summary>
public sealed class SqliteAlertStore : IAlertStore, IDisposable
{
    private readonly string _connectionString;
    private readonly int _cacheSizeMiB;
    private readonly int _writeCacheSizeMiB;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private SqliteConnection? _writeConnection;
    private AlertInserter? _inserter;
    private bool _disposed;
    private StoreStatistics? _statistics;
    private readonly SqliteSchema _schema;
    private readonly ReadConnectionPool _readers;

    /// <summary>The store of one survey's alerts (ZTF when none is given) in the database file of
    /// <paramref name="options"/>; several surveys' stores may share a file, each in its own tables.</summary>
    public SqliteAlertStore(SqliteStoreOptions options, Survey? survey = null)
    {
        _schema = new SqliteSchema(survey ?? Survey.Ztf);
        DatabasePath = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _cacheSizeMiB = options.CacheSizeMiB;
        _writeCacheSizeMiB = Math.Max(options.CacheSizeMiB, options.WriteCacheSizeMiB);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        _readers = new ReadConnectionPool(() => new ReadConnection(DatabasePath, _cacheSizeMiB));
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode = WAL;");
        Execute(connection, _schema.CreateStatements());
        AddMissingColumns(connection);
        if (_schema.KeepsObjectsAndHistory)
        {
            EnsureObjectSummaries(connection);
            EnsureNightStatistics(connection);
        }
    }

    public string DatabasePath { get; }

    private void AddMissingColumns(SqliteConnection connection)
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT name FROM pragma_table_info('{_schema.Alerts}')";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                existing.Add(reader.GetString(0));
        }
        foreach (var statement in _schema.AddColumnStatements(existing))
            Execute(connection, statement);
    }

    public Survey Survey => _schema.Survey;

    public async Task<StoreWriteResult> WriteAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken = default)
    {
        alerts = AlertValidation.Storable(alerts, _schema.Survey, out var rejected); // defence in depth: the ways in checked already
        if (alerts.Count == 0)
            return StoreWriteResult.Empty with { Rejected = rejected };
        await _writer.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_inserter is null)
            {
                _writeConnection = Open(_writeCacheSizeMiB, pooled: false);
                // Checkpoint every 64 MiB of WAL instead of SQLite's 4 MiB: a batch of 1,000 alerts dirties more than
                // 4 MiB, so each batch paid a checkpoint (two fsyncs, every page rewritten into the database file);
                // index pages changed by many batches are now copied once per checkpoint. Commits are as durable.
                Execute(_writeConnection, "PRAGMA wal_autocheckpoint = 16384; PRAGMA journal_size_limit = 67108864;");
                _inserter = new AlertInserter(_writeConnection, _schema);
            }
            List<long> stored;
            try
            {
                using var transaction = _writeConnection!.BeginTransaction();
                stored = _inserter.Write(alerts, cancellationToken);
                transaction.Commit();
            }
            catch
            {
                CloseWriter(); // rolled back; the next batch starts on a fresh connection
                throw;
            }
            if (stored.Count > 0)
                _statistics = null;
            return new StoreWriteResult(stored.Count, alerts.Count - stored.Count) { StoredCandids = stored, Rejected = rejected };
        }
        finally
        {
            _writer.Release();
        }
    }

    private void CloseWriter()
    {
        _inserter?.Dispose();
        _inserter = null;
        _writeConnection?.Dispose();
        _writeConnection = null;
    }

    public async IAsyncEnumerable<Alert> QueryAsync(AlertQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var command = new SqliteCommand(); // holds the SQL and its parameters; run by a pooled read connection
        var builder = new SqlQueryBuilder(query, command, _schema);
        builder.BuildSelect();
        var columns = builder.SelectedColumns;
        // Where each selected value goes and its type, as arrays: the per-value loop makes no interface calls.
        var ordinals = columns.Select(c => c.Ordinal).ToArray();
        var types = columns.Select(c => c.Type).ToArray();
        var (connection, rows) = Run(command, cancellationToken);
        try
        {
            while (rows.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var alert = new Alert(_schema.Survey);
                var values = alert.Values;
                for (var i = 0; i < ordinals.Length; i++)
                    values[ordinals[i]] = rows.Value(i, types[i]);
                if (query.WithCutouts)
                    alert.Cutouts = new AlertCutouts(rows.Blob(ordinals.Length), rows.Blob(ordinals.Length + 1), rows.Blob(ordinals.Length + 2));
                yield return alert;
            }
        }
        finally
        {
            rows.Dispose();
            _readers.Return(connection);
        }
        await Task.CompletedTask;
    }

    /// <summary>Runs a built command on a pooled read connection with its cached statement; dispose the rows, then
    /// return the connection.</summary>
    private (ReadConnection Connection, RawRows Rows) Run(SqliteCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested(); // as the data reader's ExecuteReaderAsync did
        var connection = _readers.Rent();
        try
        {
            return (connection, connection.Run(command.CommandText, command.Parameters));
        }
        catch
        {
            _readers.Return(connection); // nothing of this run is left on it: the statement was not stepped
            throw;
        }
    }

    public async Task<long> CountAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        new SqlQueryBuilder(query, command, _schema).BuildCount();
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(IReadOnlyList<string> objectIds, CancellationToken cancellationToken = default)
    {
        var points = new List<HistoryPoint>();
        if (objectIds.Count == 0 || !_schema.KeepsObjectsAndHistory)
            return points;
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        var names = objectIds.Select((id, i) => { command.Parameters.AddWithValue("$o" + i, id); return "$o" + i; });
        command.CommandText =
            "SELECT object_id, jd, fid, candid, magpsf, sigmapsf, diffmaglim, magnr, sigmagnr, distnr, isdiffpos, rb, drb, nbad, ra, dec " +
            $"FROM history WHERE object_id IN ({string.Join(", ", names)}) ORDER BY jd, fid";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new HistoryPoint
            {
                ObjectId = reader.GetString(0),
                Jd = reader.GetDouble(1),
                Fid = reader.GetInt32(2),
                Candid = reader.IsDBNull(3) ? null : reader.GetInt64(3),
                MagPsf = Float(reader, 4),
                SigmaPsf = Float(reader, 5),
                DiffMagLim = Float(reader, 6),
                MagNr = Float(reader, 7),
                SigmaGnr = Float(reader, 8),
                DistNr = Float(reader, 9),
                IsDiffPos = reader.IsDBNull(10) ? null : reader.GetString(10),
                Rb = Float(reader, 11),
                Drb = Float(reader, 12),
                NBad = reader.IsDBNull(13) ? null : reader.GetInt32(13),
                Ra = reader.IsDBNull(14) ? null : reader.GetDouble(14),
                Dec = reader.IsDBNull(15) ? null : reader.GetDouble(15),
            });
        }
        return points;
    }

    public async Task<IReadOnlyList<Measurement>> GetMeasurementsAsync(HistoryKind kind, IReadOnlyList<string> objectIds,
        CancellationToken cancellationToken = default)
    {
        if (!_schema.StoredMeasurements.Contains(kind))
            throw new NotSupportedException($"The {_schema.Survey.Name} store keeps no {kind.Name}.");
        var measurements = new List<Measurement>();
        if (objectIds.Count == 0)
            return measurements;
        using var command = new SqliteCommand();
        var columns = kind.Catalog!.Stored;
        var names = objectIds.Select((id, i) => { command.Parameters.AddWithValue("$o" + i, _schema.ObjectKey(id)); return "$o" + i; });
        command.CommandText =
            $"SELECT {string.Join(", ", columns.Select(c => $"\"{c.SafeName}\""))} FROM {_schema.MeasurementTable(kind)} " +
            $"WHERE \"{kind.ObjectId!.SafeName}\" IN ({string.Join(", ", names)}) ORDER BY \"{kind.Time!.SafeName}\", \"{kind.Key!.SafeName}\"";
        var (connection, rows) = Run(command, cancellationToken);
        try
        {
            while (rows.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var measurement = new Measurement(kind);
                for (var i = 0; i < columns.Count; i++)
                    measurement.Values[i] = rows.Value(i, columns[i]);
                measurements.Add(measurement);
            }
        }
        finally
        {
            rows.Dispose();
            _readers.Return(connection);
        }
        await Task.CompletedTask;
        return measurements;
    }

    public async IAsyncEnumerable<Measurement> QueryMeasurementsAsync(MeasurementQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var command = new SqliteCommand();
        new SqlMeasurementQueryBuilder(query, command, _schema).BuildSelect();
        var columns = query.Kind.Catalog!.Stored;
        var (connection, rows) = Run(command, cancellationToken);
        try
        {
            while (rows.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var measurement = new Measurement(query.Kind);
                for (var i = 0; i < columns.Count; i++)
                    measurement.Values[i] = rows.Value(i, columns[i]);
                yield return measurement;
            }
        }
        finally
        {
            rows.Dispose();
            _readers.Return(connection);
        }
        await Task.CompletedTask;
    }

    public async Task<long> CountMeasurementsAsync(MeasurementQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        new SqlMeasurementQueryBuilder(query, command, _schema).BuildCount();
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<StoredCutouts?> GetCutoutsAsync(string objectId, long? candid, CancellationToken cancellationToken = default)
    {
        if (objectId.Length == 0 && candid is null)
            return null; // neither an object nor an alert: nothing to find
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        var (key, alerts) = (_schema.Key, _schema.Alerts);
        command.CommandText =
            $"SELECT a.{key}, c.science, c.template, c.difference FROM {alerts} a JOIN {_schema.Cutouts} c ON c.{key} = a.{key} " +
            $"WHERE " + (objectId.Length == 0 ? "1" : $"a.{_schema.ObjectColumn} = $o") + (candid is null ? "" : $" AND a.{key} = $c") +
            $" ORDER BY a.{_schema.TimeColumn} DESC LIMIT 1";
        command.Parameters.AddWithValue("$o", _schema.ObjectKey(objectId));
        if (candid is { } id)
            command.Parameters.AddWithValue("$c", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new StoredCutouts(objectId, reader.GetInt64(0), new AlertCutouts(Blob(reader, 1), Blob(reader, 2), Blob(reader, 3)));
    }

    public async Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        if (_statistics is { } cached)
            return cached;
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText =
            // The objects table, kept at ingest, has one row per object: no DISTINCT scan of every alert.
            $"SELECT (SELECT COUNT(*) FROM {_schema.Alerts}), " +
            (_schema.KeepsObjectsAndHistory ? $"(SELECT COUNT(*) FROM {_schema.Objects}), " : $"(SELECT COUNT(DISTINCT {_schema.ObjectColumn}) FROM {_schema.Alerts}), ") +
            $"(SELECT MIN({_schema.TimeColumn}) FROM {_schema.Alerts}), (SELECT MAX({_schema.TimeColumn}) FROM {_schema.Alerts})";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var statistics = new StoreStatistics(reader.GetInt64(0), reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetDouble(3), "sqlite", DatabasePath);
        _statistics = statistics;
        return statistics;
    }

    public async IAsyncEnumerable<ObjectSummary> QueryObjectsAsync(ObjectQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EnsureSummariesKept();
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        new SqlObjectQueryBuilder(query, command).BuildSelect();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new ObjectSummary
            {
                ObjectId = reader.GetString(0),
                FirstJd = reader.GetDouble(1),
                LastJd = reader.GetDouble(2),
                Alerts = reader.GetInt32(3),
                Ra = reader.GetDouble(4),
                Dec = reader.GetDouble(5),
                LastCandid = reader.GetInt64(6),
                Classification = reader.IsDBNull(7) ? null : reader.GetString(7),
                NDetHist = reader.IsDBNull(8) ? null : reader.GetInt32(8),
                LastMagG = Float(reader, 9),
                LastJdG = reader.IsDBNull(10) ? null : reader.GetDouble(10),
                LastMagR = Float(reader, 11),
                LastJdR = reader.IsDBNull(12) ? null : reader.GetDouble(12),
                LastMagI = Float(reader, 13),
                LastJdI = reader.IsDBNull(14) ? null : reader.GetDouble(14),
            };
        }
    }

    public async Task<long> CountObjectsAsync(ObjectQuery query, CancellationToken cancellationToken = default)
    {
        EnsureSummariesKept();
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        new SqlObjectQueryBuilder(query, command).BuildCount();
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private void EnsureSummariesKept()
    {
        if (!_schema.KeepsObjectsAndHistory)
            throw new NotSupportedException($"The embedded store keeps object summaries for ZTF only so far, not for {_schema.Survey.Title}.");
    }

    /// <summary>A database written before object summaries existed gets them built once, from its alerts.</summary>
    private void EnsureObjectSummaries(SqliteConnection connection) =>
        BuildOnce(connection, _schema.ObjectsReadyKey, "DELETE FROM objects;",
            [ColumnCatalog.Candid, ColumnCatalog.ObjectId, ColumnCatalog.Jd, ColumnCatalog.JdStartHist, ColumnCatalog.Ra,
             ColumnCatalog.Dec, ColumnCatalog.Classification, ColumnCatalog.Get("i:ndethist"), ColumnCatalog.Fid, ColumnCatalog.MagPsf],
            () => new ObjectSummaryWriter(connection), (summaries, alert) => summaries.Add(alert, Core.Sky.UnitVector.FromRaDec(alert.Ra, alert.Dec)));

    /// <summary>A database written before night statistics existed gets them counted once, from its alerts.</summary>
    private void EnsureNightStatistics(SqliteConnection connection) =>
        BuildOnce(connection, NightStatisticsWriter.ReadyKey, "DELETE FROM night_counts; DELETE FROM night_distinct;",
            [ColumnCatalog.Jd, ColumnCatalog.Fid, ColumnCatalog.Classification, ColumnCatalog.Get("i:rb"),
             ColumnCatalog.Get("i:nbad"), ColumnCatalog.Get("i:field"), ColumnCatalog.Get("d:cdsxmatch")],
            () => new NightStatisticsWriter(connection), (nights, alert) => nights.Add(alert));

    /// <summary>Fills a table that ingestion keeps up to date from the alerts already stored, in one transaction, unless
    /// <c>meta</c> says it was done (<paramref name="readyKey"/>): the writer folds each alert, read with <paramref name="columns"/>.</summary>
    private void BuildOnce<TWriter>(SqliteConnection connection, string readyKey, string clear, ColumnDef[] columns,
        Func<TWriter> create, Action<TWriter, Alert> add) where TWriter : IDisposable
    {
        using var check = connection.CreateCommand();
        check.CommandText = $"SELECT COUNT(*) FROM meta WHERE key = '{readyKey}'";
        if ((long)check.ExecuteScalar()! > 0)
            return;
        using var transaction = connection.BeginTransaction();
        Execute(connection, clear, transaction);
        using (var writer = create())
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = $"SELECT {string.Join(", ", columns.Select(_schema.ColumnSql))} FROM {_schema.Alerts} a";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var alert = new Alert();
                for (var i = 0; i < columns.Length; i++)
                    alert.Values[columns[i].Ordinal] = SqliteValues.FromDb(reader, i, columns[i]);
                add(writer, alert);
            }
        }
        Execute(connection, $"INSERT OR IGNORE INTO meta (key, value) VALUES ('{readyKey}', '1');", transaction);
        transaction.Commit();
    }

    public async Task<IReadOnlyList<NightStatistics>> GetNightStatisticsAsync(string nightPrefix, CancellationToken cancellationToken = default)
    {
        var nights = new List<NightStatistics>();
        if (!_schema.KeepsObjectsAndHistory)
            return nights;
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        // A key range, not LIKE: the primary key answers it (':' sorts right after '9').
        command.CommandText = "SELECT night, name, n FROM night_counts WHERE night >= $p AND night < $p || ':' ORDER BY night, name";
        command.Parameters.AddWithValue("$p", nightPrefix);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        Dictionary<string, long>? counts = null;
        string? current = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var night = reader.GetString(0);
            if (night != current)
            {
                counts = new Dictionary<string, long>(StringComparer.Ordinal);
                nights.Add(new NightStatistics(night, counts));
                current = night;
            }
            counts![reader.GetString(1)] = reader.GetInt64(2);
        }
        return nights;
    }

    private SqliteConnection Open() => Open(_cacheSizeMiB, pooled: true);

    private SqliteConnection Open(int cacheSizeMiB, bool pooled)
    {
        var connection = new SqliteConnection(pooled ? _connectionString : new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());
        connection.Open();
        // Per-connection settings: NORMAL sync is durable across application crashes in WAL mode.
        Execute(connection, $"PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = {-cacheSizeMiB * 1024}; PRAGMA busy_timeout = 5000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static float? Float(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : (float)reader.GetDouble(i);

    private static byte[]? Blob(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : (byte[])reader.GetValue(i);

    public void Dispose()
    {
        if (_disposed)
            return;
        // Waits for a batch in flight: its transaction commits or rolls back before the connection closes.
        _writer.Wait();
        _disposed = true;
        CloseWriter();
        _readers.Dispose();
        _writer.Release();
        SqliteConnection.ClearAllPools();
    }
}
