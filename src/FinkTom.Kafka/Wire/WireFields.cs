using System.Globalization;
using System.Text.Json.Nodes;
using FinkTom.Core.Model;

namespace FinkTom.Kafka.Wire;

/// <summary>One field of the livestream record, declared with Fink's own type (<paramref name="type"/>, from the
/// distribution schema): a <c>["T","null"]</c> union, or a plain record where Fink has one (candidate, cutouts,
/// lc_features).</summary>
internal abstract class WireField(string name, JsonNode type)
{
    public string Name { get; } = name;

    public JsonNode Type { get; } = type;

    /// <summary>Fink's unions are <c>["T","null"]</c>: branch 0 = a value, 1 = null.</summary>
    public bool Nullable => Type is JsonArray;

    /// <summary>The type without its null branch.</summary>
    public JsonNode ValueType => Type is JsonArray union ? union[0]! : Type;

    public JsonObject Schema() => new() { ["name"] = Name, ["type"] = Type.DeepClone() };

    public void Write(AvroWriter writer, Alert alert)
    {
        if (!Nullable)
        {
            WriteValue(writer, alert);
            return;
        }
        if (!HasValue(alert))
        {
            writer.Null();
            return;
        }
        writer.Present();
        WriteValue(writer, alert);
    }

    protected abstract bool HasValue(Alert alert);

    /// <summary>Writes the value itself (no union branch); for a non-nullable field, also when the alert has none.</summary>
    protected abstract void WriteValue(AvroWriter writer, Alert alert);
}

/// <summary>A field FinkTom keeps no value for (broker timestamps, anomaly_score_* variants…): always null.</summary>
internal sealed class NullField(string name, JsonNode type) : WireField(name, type)
{
    protected override bool HasValue(Alert alert) => false;

    protected override void WriteValue(AvroWriter writer, Alert alert) =>
        throw new InvalidOperationException($"'{Name}' has no value and is not nullable");
}

/// <summary>A catalogue column, written as Fink's type (e.g. the stored float <c>slsn_score</c> as Fink's double).</summary>
internal sealed class ColumnField(string name, JsonNode type, ColumnDef column) : WireField(name, type)
{
    private readonly string _avroType = type is JsonArray u ? u[0]!.GetValue<string>() : type.GetValue<string>();

    protected override bool HasValue(Alert alert) => alert.Values[column.Ordinal] is not null;

    protected override void WriteValue(AvroWriter writer, Alert alert) => AvroValue.Write(writer, alert.Values[column.Ordinal]!, _avroType);
}

/// <summary>A nested record (<c>candidate</c>), named after its field as Spark names it.</summary>
internal sealed class RecordField(string name, JsonNode type, IReadOnlyList<WireField> fields) : WireField(name, type)
{
    protected override bool HasValue(Alert alert) => true;

    protected override void WriteValue(AvroWriter writer, Alert alert)
    {
        foreach (var field in fields)
            field.Write(writer, alert);
    }
}

/// <summary><c>mangrove</c> (strings) and <c>blazar_stats</c> (floats): Fink's maps, stored flattened as
/// <c>d:mangrove_*</c> / <c>d:blazar_stats_*</c>; null when every entry is.</summary>
internal sealed class MapField(string name, JsonNode type, IReadOnlyList<(string Key, ColumnDef Column)> entries) : WireField(name, type)
{
    private readonly string _valueType = ((JsonArray)((JsonObject)(type is JsonArray u ? u[0]! : type))["values"]!)[0]!.GetValue<string>();

    protected override bool HasValue(Alert alert) => entries.Any(e => alert.Values[e.Column.Ordinal] is not null);

    protected override void WriteValue(AvroWriter writer, Alert alert)
    {
        writer.Long(entries.Count);
        foreach (var (key, column) in entries)
        {
            writer.String(key);
            AvroValue.WriteNullable(writer, alert.Values[column.Ordinal], _valueType);
        }
        writer.Long(0);
    }
}

/// <summary>Avro primitives from stored values, widened or narrowed to the type Fink declares.</summary>
internal static class AvroValue
{
    public static void WriteNullable(AvroWriter writer, object? value, string avroType)
    {
        if (value is null)
        {
            writer.Null();
            return;
        }
        writer.Present();
        Write(writer, value, avroType);
    }

    public static void Write(AvroWriter writer, object value, string avroType)
    {
        switch (avroType)
        {
            case "int": writer.Int(Convert.ToInt32(value, CultureInfo.InvariantCulture)); break;
            case "long": writer.Long(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case "float": writer.Float(Convert.ToSingle(value, CultureInfo.InvariantCulture)); break;
            case "double": writer.Double(Convert.ToDouble(value, CultureInfo.InvariantCulture)); break; // float → double is exact
            case "boolean": writer.Bool((bool)value); break;
            case "string": writer.String(Convert.ToString(value, CultureInfo.InvariantCulture)!); break;
            case "bytes": writer.Bytes((byte[])value); break;
            default: throw new NotSupportedException($"Avro type '{avroType}'");
        }
    }
}
