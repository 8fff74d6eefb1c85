using System.Text.Json;
using System.Text.Json.Nodes;
using FinkTom.Core.Model;

namespace FinkTom.Kafka.Wire;

/// <summary>One field of the livestream record: its Avro type (always a nullable union) and how to write it from an alert.</summary>
internal abstract class WireField(string name)
{
    public string Name { get; } = name;

    /// <summary>The Avro type of the value (without the null branch).</summary>
    public abstract JsonNode ValueType();

    /// <summary>Writes the union branch and the value.</summary>
    public abstract void Write(AvroWriter writer, Alert alert);

    public JsonObject Schema() => new() { ["name"] = Name, ["type"] = new JsonArray(ValueType(), "null") };
}

/// <summary>A catalogue column written as its Avro primitive.</summary>
internal sealed class ColumnField(string name, ColumnDef column) : WireField(name)
{
    public override JsonNode ValueType() => column.Type.AvroName();

    public override void Write(AvroWriter writer, Alert alert) => WriteValue(writer, alert.Values[column.Ordinal], column.Type);

    public static void WriteValue(AvroWriter writer, object? value, ColumnType type)
    {
        if (value is null)
        {
            writer.Null();
            return;
        }
        writer.Present();
        switch (type)
        {
            case ColumnType.Int: writer.Int((int)value); break;
            case ColumnType.Long: writer.Long((long)value); break;
            case ColumnType.Float: writer.Float((float)value); break;
            case ColumnType.Double: writer.Double((double)value); break;
            case ColumnType.String: writer.String((string)value); break;
            case ColumnType.Bool: writer.Bool((bool)value); break;
        }
    }
}

/// <summary>A nested record of columns (<c>candidate</c>, <c>blazar_stats</c>), named after its field as Spark names it.</summary>
internal sealed class RecordField(string name, IReadOnlyList<WireField> fields) : WireField(name)
{
    public override JsonNode ValueType() => new JsonObject
    {
        ["type"] = "record",
        ["name"] = Name,
        ["fields"] = new JsonArray(fields.Select(JsonNode (f) => f.Schema()).ToArray()),
    };

    public override void Write(AvroWriter writer, Alert alert)
    {
        writer.Present();
        foreach (var field in fields)
            field.Write(writer, alert);
    }
}

/// <summary><c>mangrove</c>: a map of strings, as Fink sends it.</summary>
internal sealed class StringMapField(string name, IReadOnlyList<(string Key, ColumnDef Column)> entries) : WireField(name)
{
    public override JsonNode ValueType() => new JsonObject { ["type"] = "map", ["values"] = new JsonArray("string", "null") };

    public override void Write(AvroWriter writer, Alert alert)
    {
        if (entries.All(e => alert.Values[e.Column.Ordinal] is null))
        {
            writer.Null();
            return;
        }
        writer.Present();
        writer.Long(entries.Count);
        foreach (var (key, column) in entries)
        {
            writer.String(key);
            ColumnField.WriteValue(writer, alert.Values[column.Ordinal], ColumnType.String);
        }
        writer.Long(0);
    }
}

/// <summary><c>lc_features_g/r</c>: stored as the API's JSON array string, sent as the record of 26 named features.</summary>
internal sealed class LightCurveField(string name, ColumnDef column, IReadOnlyList<string> features) : WireField(name)
{
    public override JsonNode ValueType() => new JsonObject
    {
        ["type"] = "record",
        ["name"] = Name,
        ["fields"] = new JsonArray(features.Select(JsonNode (f) => new JsonObject { ["name"] = f, ["type"] = new JsonArray("double", "null") }).ToArray()),
    };

    public override void Write(AvroWriter writer, Alert alert)
    {
        if (alert.Values[column.Ordinal] is not string json || Parse(json) is not { } values || values.Length != features.Count)
        {
            writer.Null();
            return;
        }
        writer.Present();
        foreach (var value in values)
        {
            if (value is { } v)
            {
                writer.Present();
                writer.Double(v);
            }
            else
            {
                writer.Null();
            }
        }
    }

    private static double?[]? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<double?[]>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
