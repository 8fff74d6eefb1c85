using FinkTom.Core.Model;
using Microsoft.Data.Sqlite;

namespace FinkTom.Store.Sqlite;

/// <summary>Conversions between catalogue values and SQLite storage classes.</summary>
internal static class SqliteValues
{
    /// <summary>To a value SQLite can bind: booleans as 0/1, floats widened, NaN as NULL (SQLite has no NaN).</summary>
    public static object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        bool b => b ? 1L : 0L,
        float f => float.IsNaN(f) ? DBNull.Value : (double)f,
        double d => double.IsNaN(d) ? DBNull.Value : d,
        _ => value,
    };

    /// <summary>Reads column <paramref name="index"/> back as the catalogue type of <paramref name="column"/>.</summary>
    public static object? FromDb(SqliteDataReader reader, int index, ColumnDef column)
    {
        if (reader.IsDBNull(index))
            return null;
        return column.Type switch
        {
            ColumnType.Int => (int)reader.GetInt64(index),
            ColumnType.Long => reader.GetInt64(index),
            ColumnType.Float => (float)reader.GetDouble(index),
            ColumnType.Double => reader.GetDouble(index),
            ColumnType.Bool => reader.GetInt64(index) != 0,
            _ => reader.GetString(index),
        };
    }
}
