using System.Globalization;
using System.Text.Json;
using FinkTom.Core.Model;

namespace FinkTom.Server.Proxy;

/// <summary>Reads a JSON cell of a Fink answer as the .NET value a column of that type holds (see <see cref="Alert"/>).</summary>
public static class FinkJsonCells
{
    /// <summary>The typed value, null for JSON null; a <see cref="FormatException"/> naming the column when the value does not fit.</summary>
    public static object? Read(JsonElement cell, ColumnType type, string column)
    {
        if (cell.ValueKind == JsonValueKind.Null)
            return null;
        try
        {
            return (type, cell.ValueKind) switch
            {
                (ColumnType.String, JsonValueKind.String) => cell.GetString(),
                // Old Fink answers wrote numbered i:ssnamenr as integers; keep them as the text ZTF wrote.
                (ColumnType.String, JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False) => cell.GetRawText(),
                // Nested values in a column FinkTom does not know are passed on as their JSON text.
                (ColumnType.String, JsonValueKind.Object or JsonValueKind.Array) => cell.GetRawText(),
                (ColumnType.Int, JsonValueKind.Number) => cell.GetInt32(),
                (ColumnType.Long, JsonValueKind.Number) => cell.GetInt64(),
                (ColumnType.Float, JsonValueKind.Number) => (float)cell.GetDouble(),
                (ColumnType.Double, JsonValueKind.Number) => cell.GetDouble(),
                (ColumnType.Bool, JsonValueKind.True or JsonValueKind.False) => cell.GetBoolean(),
                // 64-bit ids as strings (IEEE754Compatible) and booleans as HBase's "true"/"false" strings.
                (ColumnType.Int, JsonValueKind.String) => int.Parse(cell.GetString()!, CultureInfo.InvariantCulture),
                (ColumnType.Long, JsonValueKind.String) => long.Parse(cell.GetString()!, CultureInfo.InvariantCulture),
                (ColumnType.Float, JsonValueKind.String) => float.Parse(cell.GetString()!, CultureInfo.InvariantCulture),
                (ColumnType.Double, JsonValueKind.String) => double.Parse(cell.GetString()!, CultureInfo.InvariantCulture),
                (ColumnType.Bool, JsonValueKind.String) => bool.Parse(cell.GetString()!),
                _ => throw new FormatException(),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw new FormatException($"column `{column}` should hold {type.AvroName()} values, got {Shorten(cell.GetRawText())}");
        }
    }

    /// <summary>A 2-D array cell (<c>b:cutout*_stampData</c>): rows of floats, null pixels as NaN.</summary>
    public static float[][]? ReadArray(JsonElement cell, string column)
    {
        if (cell.ValueKind == JsonValueKind.Null)
            return null;
        if (cell.ValueKind != JsonValueKind.Array || cell.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.Array))
            throw new FormatException($"column `{column}` should hold a 2-D array, got {Shorten(cell.GetRawText())}");
        return cell.EnumerateArray()
            .Select(row => row.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.Number ? (float)p.GetDouble() : float.NaN).ToArray())
            .ToArray();
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
