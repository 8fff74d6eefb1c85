using System.Text.Encodings.Web;
using System.Text.Json;
using FinkTom.Core.Model;

namespace FinkTom.Server.Formats;

/// <summary>
/// JSON output (contract §1.3): an array of records, <c>[{"i:objectId": "ZTF…", "i:jd": 2458…}, …]</c>, keys in
/// column order, as pandas <c>to_json(orient="records")</c> writes. NaN, infinities and nulls are <c>null</c>;
/// numbers are the shortest round-trip text of their own type (see <see cref="NumberText"/>); arrays nest.
/// </summary>
public static class JsonTableWriter
{
    // Flush to the stream once this much is buffered, so large answers stream instead of piling up.
    private const int FlushThresholdBytes = 32 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep `<`, `>`, `&`, `'` and non-ASCII as they are, as pandas does; the body is application/json, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync(ResultTable table, Stream output, TableWriteOptions options,
        CancellationToken cancellationToken = default)
    {
        var columns = table.Columns;
        // Property names are encoded once, not once per row.
        var names = columns.Select(c => JsonEncodedText.Encode(c.Name, WriterOptions.Encoder)).ToArray();

        await using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartArray();
        foreach (var row in table.CheckedRows())
        {
            json.WriteStartObject();
            for (var i = 0; i < columns.Count; i++)
            {
                json.WritePropertyName(names[i]);
                WriteCell(json, row[i], columns[i], options);
            }
            json.WriteEndObject();
            if (json.BytesPending > FlushThresholdBytes)
            {
                await json.FlushAsync(cancellationToken);
            }
        }
        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    private static void WriteCell(Utf8JsonWriter json, object? cell, TableColumn column, TableWriteOptions options)
    {
        if (cell is null)
        {
            json.WriteNullValue();
            return;
        }
        if (column.IsArray)
        {
            WriteArray(json, Cells.Array(cell, column)!);
            return;
        }
        switch (column.Type)
        {
            case ColumnType.Int:
                json.WriteNumberValue(Cells.Int(cell, column)!.Value);
                break;
            case ColumnType.Long:
                var value = Cells.Long(cell, column)!.Value;
                if (options.Ieee754Compatible)
                {
                    json.WriteStringValue(NumberText.Format(value));
                }
                else
                {
                    json.WriteNumberValue(value);
                }
                break;
            case ColumnType.Float:
                WriteFloat(json, Cells.Float(cell, column)!.Value);
                break;
            case ColumnType.Double:
                WriteDouble(json, Cells.Double(cell, column)!.Value);
                break;
            case ColumnType.String:
                json.WriteStringValue(Cells.String(cell, column));
                break;
            case ColumnType.Bool:
                json.WriteBooleanValue(Cells.Bool(cell, column)!.Value);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown column type.");
        }
    }

    private static void WriteArray(Utf8JsonWriter json, float[][] rows)
    {
        json.WriteStartArray();
        foreach (var row in rows)
        {
            json.WriteStartArray();
            foreach (var value in row)
            {
                WriteFloat(json, value);
            }
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    // Utf8JsonWriter formats float and double as the shortest round-trip text of that type; JSON has no NaN/Infinity.
    private static void WriteFloat(Utf8JsonWriter json, float value)
    {
        if (float.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static void WriteDouble(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }
}
