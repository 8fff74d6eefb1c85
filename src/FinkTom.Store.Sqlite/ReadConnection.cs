using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// A read connection kept open by <see cref="ReadConnectionPool"/> with the statements it has prepared, by SQL text: a
/// query of a shape seen before (same columns, criteria and paging, other values) skips SQLite's parse and plan, which
/// for a SELECT of ~155 columns cost about as much as reading a hundred rows. Rows are read through SQLitePCLRaw
/// (<see cref="RawRows"/>) rather than a data reader, whose checks and boxing per value dominated wide reads.
/// </summary>
internal sealed class ReadConnection : IDisposable
{
    // Each cached statement holds its plan and column metadata (a few tens of kB for a wide SELECT).
    private const int MaxStatements = 32;

    private readonly sqlite3 _db;
    private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);
    private readonly Queue<string> _preparedOrder = new();

    /// <summary>Opens <paramref name="path"/> (an existing database) for reading, with a page cache of <paramref name="cacheSizeMiB"/>.</summary>
    public ReadConnection(string path, int cacheSizeMiB)
    {
        // NOMUTEX: the pool hands a connection to one query at a time, so SQLite need not lock its mutex around each
        // call — with two calls per value read, those locks were a fifth of a wide query's time.
        var rc = raw.sqlite3_open_v2(path, out _db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null);
        if (rc != raw.SQLITE_OK)
        {
            var message = raw.sqlite3_errstr(rc).utf8_to_string();
            _db.Dispose();
            throw new SqliteException($"SQLite Error {rc}: cannot open {path}: {message}", rc);
        }
        try
        {
            raw.sqlite3_busy_timeout(_db, 5000);
            Check(raw.sqlite3_exec(_db, $"PRAGMA temp_store = MEMORY; PRAGMA cache_size = {-cacheSizeMiB * 1024};"));
        }
        catch
        {
            _db.Dispose();
            throw;
        }
    }

    private sqlite3 Db => _db;

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>The statement for <paramref name="sql"/> (prepared once) with <paramref name="parameters"/> bound by
    /// name; read it with <see cref="RawRows"/>, which resets it when done.</summary>
    public RawRows Run(string sql, SqliteParameterCollection parameters)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            if (_statements.Count >= MaxStatements && _statements.Remove(_preparedOrder.Dequeue(), out var oldest))
                oldest.Dispose();
            SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v3(Db, sql, raw.SQLITE_PREPARE_PERSISTENT, out statement), Db);
            _statements[sql] = statement;
            _preparedOrder.Enqueue(sql);
        }
        raw.sqlite3_clear_bindings(statement);
        foreach (SqliteParameter parameter in parameters)
        {
            var index = raw.sqlite3_bind_parameter_index(statement, parameter.ParameterName);
            if (index == 0)
                throw new InvalidOperationException($"The statement has no parameter {parameter.ParameterName}.");
            Bind(statement, index, parameter.Value);
        }
        return new RawRows(Db, statement);
    }

    private void Bind(sqlite3_stmt statement, int index, object? value)
    {
        // The builders' values come through SqliteValues.ToDb: DBNull for null and NaN, booleans as 0/1, floats widened.
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, index),
            string s => raw.sqlite3_bind_text(statement, index, s),
            long l => raw.sqlite3_bind_int64(statement, index, l),
            int i => raw.sqlite3_bind_int64(statement, index, i),
            double d => double.IsNaN(d) ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_double(statement, index, d),
            float f => float.IsNaN(f) ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_double(statement, index, f),
            bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
            short s16 => raw.sqlite3_bind_int64(statement, index, s16),
            // An empty span would reach SQLite as a null pointer, i.e. NULL: an empty blob is bound explicitly.
            byte[] { Length: 0 } => raw.sqlite3_bind_zeroblob(statement, index, 0),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            IConvertible other => raw.sqlite3_bind_text(statement, index, other.ToString(CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException($"Cannot bind a value of type {value.GetType().Name}.", nameof(value)),
        };
        Check(rc);
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
            statement.Dispose();
        _statements.Clear();
        _db.Dispose();
    }
}
