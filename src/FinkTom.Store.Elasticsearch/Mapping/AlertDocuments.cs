using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Core.Sky;

namespace FinkTom.Store.Elasticsearch.Mapping;

/// <summary>
/// An alert as an Elasticsearch document and back. Every catalogue column is written under its safe name with its own
/// JSON type; NaN (which JSON cannot carry) is written as null, as the embedded store reads NaN back as null.
/// Floats are written in their shortest round-trip form, so they read back bit for bit.
/// </summary>
public static class AlertDocuments
{
    private static readonly Dictionary<string, ColumnDef> BySafeName = ColumnCatalog.Stored.ToDictionary(c => c.SafeName, StringComparer.Ordinal);

    /// <summary>RA in [0, 360) as a longitude in [-180, 180], which <c>geo_point</c> requires.</summary>
    public static double Longitude(double ra) => ra > 180 ? ra - 360 : ra;

    public static void Write(Utf8JsonWriter json, Alert alert)
    {
        json.WriteStartObject();
        foreach (var column in ColumnCatalog.Stored)
        {
            json.WritePropertyName(column.SafeName);
            WriteValue(json, alert.Values[column.Ordinal]);
        }
        var (ra, dec) = (alert.Ra, alert.Dec);
        if (double.IsFinite(ra) && double.IsFinite(dec))
        {
            json.WriteStartObject(IndexTemplates.PositionField);
            json.WriteNumber("lat", dec);
            json.WriteNumber("lon", Longitude(ra));
            json.WriteEndObject();
            var v = UnitVector.FromRaDec(ra, dec); // the same numbers the exact cone cut compares, computed once here
            json.WriteNumber("sx", v.X);
            json.WriteNumber("sy", v.Y);
            json.WriteNumber("sz", v.Z);
        }
        json.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
            case double d when !double.IsFinite(d):
            case float f when !float.IsFinite(f):
                json.WriteNullValue();
                break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case float f: json.WriteNumberValue(f); break;
            case double d: json.WriteNumberValue(d); break;
            case bool b: json.WriteBooleanValue(b); break;
            case string s: json.WriteStringValue(s); break;
            default: throw new ArgumentException($"A column value of type {value.GetType().Name} cannot be stored.");
        }
    }

    /// <summary>Reads a document's <c>_source</c> (whole or filtered) back into an alert; absent fields stay null.</summary>
    public static Alert Read(JsonElement source)
    {
        var alert = new Alert();
        foreach (var property in source.EnumerateObject())
            if (BySafeName.TryGetValue(property.Name, out var column))
                alert.Values[column.Ordinal] = ReadValue(property.Value, column.Type);
        return alert;
    }

    public static object? ReadValue(JsonElement value, ColumnType type) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => type switch
        {
            ColumnType.Int => value.GetInt32(),
            ColumnType.Long => value.GetInt64(),
            ColumnType.Float => value.GetSingle(),
            ColumnType.Double => value.GetDouble(),
            ColumnType.Bool => value.GetBoolean(),
            _ => value.GetString(),
        },
    };
}
