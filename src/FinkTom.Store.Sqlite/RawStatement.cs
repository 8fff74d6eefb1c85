using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// A statement prepared once on a connection and run many times with values bound by position, straight through
/// SQLitePCLRaw. The ingest hot path binds ~180 values per alert: Microsoft.Data.Sqlite binds each parameter by
/// name (a linear search of the statement's names per parameter) and wraps every run in a data reader, which cost
/// more than SQLite's own insert work. Runs inside whatever transaction the connection has open.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out _statement), _db);
        ParameterCount = raw.sqlite3_bind_parameter_count(_statement);
    }

    public int ParameterCount { get; }

    /// <summary>Binds a catalogue value at 1-based <paramref name="index"/> with <see cref="SqliteValues.ToDb"/>'s conversions.</summary>
    public void Bind(int index, object? value)
    {
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(_statement, index),
            string s => raw.sqlite3_bind_text(_statement, index, s),
            double d => double.IsNaN(d) ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_double(_statement, index, d),
            float f => float.IsNaN(f) ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_double(_statement, index, f),
            long l => raw.sqlite3_bind_int64(_statement, index, l),
            int i => raw.sqlite3_bind_int64(_statement, index, i),
            bool b => raw.sqlite3_bind_int64(_statement, index, b ? 1 : 0),
            // An empty span would reach SQLite as a null pointer, i.e. NULL: an empty blob is bound explicitly.
            byte[] { Length: 0 } => raw.sqlite3_bind_zeroblob(_statement, index, 0),
            byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
            short s16 => raw.sqlite3_bind_int64(_statement, index, s16),
            IConvertible other => raw.sqlite3_bind_text(_statement, index, other.ToString(CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException($"Cannot store a value of type {value.GetType().Name}.", nameof(value)),
        };
        Check(rc);
    }

    public void Bind(int index, double value) =>
        Check(double.IsNaN(value) ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_double(_statement, index, value));

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Runs the statement to completion; returns the rows it changed. Bindings are kept, so rebind every one.</summary>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
                SqliteException.ThrowExceptionForRC(rc, _db);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            // Ends this run so the next one starts afresh (and a failed one releases its locks).
            raw.sqlite3_reset(_statement);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose() => _statement.Dispose();
}
