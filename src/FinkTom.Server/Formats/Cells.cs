using FinkTom.Core.Model;

namespace FinkTom.Server.Formats;

/// <summary>
/// Reads a cell as the type its column declares, so that every writer accepts and rejects the same values.
/// A cell of the wrong type is a programming error in the endpoint that built the table: it throws.
/// </summary>
internal static class Cells
{
    public static int? Int(object? cell, TableColumn column) => cell switch
    {
        null => null,
        int i => i,
        _ => throw Mismatch(cell, column),
    };

    public static long? Long(object? cell, TableColumn column) => cell switch
    {
        null => null,
        long l => l,
        int i => i,
        _ => throw Mismatch(cell, column),
    };

    public static float? Float(object? cell, TableColumn column) => cell switch
    {
        null => null,
        float f => f,
        _ => throw Mismatch(cell, column),
    };

    public static double? Double(object? cell, TableColumn column) => cell switch
    {
        null => null,
        double d => d,
        float f => f,
        _ => throw Mismatch(cell, column),
    };

    public static string? String(object? cell, TableColumn column) => cell switch
    {
        null => null,
        string s => s,
        _ => throw Mismatch(cell, column),
    };

    public static bool? Bool(object? cell, TableColumn column) => cell switch
    {
        null => null,
        bool b => b,
        _ => throw Mismatch(cell, column),
    };

    public static float[][]? Array(object? cell, TableColumn column) => cell switch
    {
        null => null,
        float[][] a => a,
        _ => throw Mismatch(cell, column),
    };

    /// <summary>Checks that a cell has its column's type (used by writers that format cells generically).</summary>
    public static void Check(object? cell, TableColumn column)
    {
        if (cell is null)
        {
            return;
        }
        var ok = column.IsArray
            ? cell is float[][]
            : column.Type switch
            {
                ColumnType.Int => cell is int,
                ColumnType.Long => cell is long or int,
                ColumnType.Float => cell is float,
                ColumnType.Double => cell is double or float,
                ColumnType.String => cell is string,
                ColumnType.Bool => cell is bool,
                _ => false,
            };
        if (!ok)
        {
            throw Mismatch(cell, column);
        }
    }

    private static InvalidOperationException Mismatch(object cell, TableColumn column) =>
        new($"Column `{column.Name}` is {Describe(column)} but a cell holds a {cell.GetType().Name}.");

    private static string Describe(TableColumn column) =>
        column.IsArray ? "a 2-D float array" : column.Type.AvroName();
}
