using FinkTom.Core.Model;
using FinkTom.Core.Query;

namespace FinkTom.Server.Tables;

/// <summary>A column of an answer: its Fink name, type and how to get its value from a row.</summary>
public sealed record OutputColumn(string Name, ColumnType Type, Func<AlertRow, object?> Value, bool IsArray = false)
{
    /// <summary>A stored catalogue column, with the default Fink's decoder fills in when a value is missing (§1.5 step 3).</summary>
    public static OutputColumn Stored(ColumnDef column, object? defaultValue = null) =>
        new(column.Name, column.Type, row => row.Alert.Values[column.Ordinal] ?? (row.IsAlert ? defaultValue : null));
}
