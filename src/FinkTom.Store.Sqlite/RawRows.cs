using FinkTom.Core.Model;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// The rows of one run of a cached statement (<see cref="ReadConnection.Run"/>): stepped through SQLitePCLRaw, each
/// value read by a direct column call on the statement pointer (<see cref="SqliteColumns"/>), where a data reader adds
/// checks and more native calls per value. Values convert exactly as <see cref="SqliteValues.FromDb"/> does.
/// Disposing resets the statement (ending its read transaction) so the connection can run it again.
/// </summary>
internal readonly struct RawRows(sqlite3 db, sqlite3_stmt statement) : IDisposable
{
    /// <summary>Steps to the next row; false when there is none.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW)
            return true;
        if (rc != raw.SQLITE_DONE)
            SqliteException.ThrowExceptionForRC(rc, db);
        return false;
    }

    // The statement pointer for the column calls; the SafeHandle stays alive in the ReadConnection's cache.
    private readonly IntPtr _handle = statement.DangerousGetHandle();

    public bool IsNull(int index) => SqliteColumns.sqlite3_column_type(_handle, index) == SqliteColumns.Null;

    /// <summary>Column <paramref name="index"/> as the catalogue type of <paramref name="column"/>, null for SQL NULL.</summary>
    /// <remarks>One native call per value where it can: SQL NULL reads as 0 or a null text pointer, so the storage class
    /// is asked only when the value read is 0 (a NULL or a real zero).</remarks>
    public object? Value(int index, ColumnDef column) => Value(index, column.Type);

    /// <inheritdoc cref="Value(int, ColumnDef)"/>
    public object? Value(int index, ColumnType type)
    {
        switch (type)
        {
            case ColumnType.Int:
            case ColumnType.Long:
            case ColumnType.Bool:
                var integer = SqliteColumns.sqlite3_column_int64(_handle, index);
                if (integer == 0 && IsNull(index))
                    return null;
                return type switch
                {
                    ColumnType.Int => (int)integer,
                    ColumnType.Long => integer,
                    _ => integer != 0,
                };
            case ColumnType.Float:
            case ColumnType.Double:
                var real = SqliteColumns.sqlite3_column_double(_handle, index);
                if (real == 0 && IsNull(index))
                    return null;
                return type == ColumnType.Float ? (object)(float)real : real; // boxed apart: a bare ternary would widen the float
            default:
                return SqliteColumns.Text(_handle, index);
        }
    }

    /// <summary>A blob column's bytes (empty for an empty blob), null for SQL NULL.</summary>
    public byte[]? Blob(int index) => IsNull(index) ? null : SqliteColumns.Blob(_handle, index);

    public void Dispose()
    {
        raw.sqlite3_reset(statement); // its code repeats the last step's error, already thrown by Read
        raw.sqlite3_clear_bindings(statement);
    }
}
