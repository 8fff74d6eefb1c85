using FinkTom.Core.Model;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// The rows of one run of a cached statement (<see cref="ReadConnection.Run"/>), read by position through SQLitePCLRaw:
/// one call for the storage class and one for the value, where a data reader adds checks, a type switch and a box
/// per value. Values convert exactly as <see cref="SqliteValues.FromDb"/> does. Disposing resets the statement
/// (ending its read transaction) so the connection can run it again.
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

    public bool IsNull(int index) => raw.sqlite3_column_type(statement, index) == raw.SQLITE_NULL;

    /// <summary>Column <paramref name="index"/> as the catalogue type of <paramref name="column"/>, null for SQL NULL.</summary>
    public object? Value(int index, ColumnDef column)
    {
        if (IsNull(index))
            return null;
        return column.Type switch
        {
            ColumnType.Int => (int)raw.sqlite3_column_int64(statement, index),
            ColumnType.Long => raw.sqlite3_column_int64(statement, index),
            ColumnType.Float => (float)raw.sqlite3_column_double(statement, index),
            ColumnType.Double => raw.sqlite3_column_double(statement, index),
            ColumnType.Bool => raw.sqlite3_column_int64(statement, index) != 0,
            _ => raw.sqlite3_column_text(statement, index).utf8_to_string(),
        };
    }

    public long Int64(int index) => raw.sqlite3_column_int64(statement, index);

    /// <summary>A blob column's bytes (empty for an empty blob), null for SQL NULL.</summary>
    public byte[]? Blob(int index) => IsNull(index) ? null : raw.sqlite3_column_blob(statement, index).ToArray();

    public void Dispose()
    {
        raw.sqlite3_reset(statement); // its code repeats the last step's error, already thrown by Read
        raw.sqlite3_clear_bindings(statement);
    }
}
