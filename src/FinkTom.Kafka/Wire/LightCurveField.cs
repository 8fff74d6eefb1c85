using System.Text.Json;
using System.Text.Json.Nodes;
using FinkTom.Core.Model;
using FinkTom.Ingest.Decoding;

namespace FinkTom.Kafka.Wire;

/// <summary><c>lc_features_g/r</c>: stored as the API's JSON array string (features in
/// <see cref="LightCurveFeatures.Names"/> order), sent as Fink's record of 26 named doubles. The record is not
/// nullable: absent features are 26 nulls; a feature the stored array holds as null (the packet had NaN or null) is
/// NaN, as Fink's packets carry a feature not computed, so the two read back apart.</summary>
internal sealed class LightCurveField : WireField
{
    private readonly ColumnDef _column;
    private readonly int[] _arrayIndexes; // per record field, its index in the stored array (-1: none)

    public LightCurveField(string name, JsonNode type, ColumnDef column) : base(name, type)
    {
        _column = column;
        _arrayIndexes = ((JsonArray)((JsonObject)ValueType)["fields"]!)
            .Select(f => Array.IndexOf(LightCurveFeatures.Names, f!["name"]!.GetValue<string>())).ToArray();
    }

    protected override bool HasValue(Alert alert) => Parse(alert) is not null;

    protected override void WriteValue(AvroWriter writer, Alert alert)
    {
        var values = Parse(alert);
        foreach (var index in _arrayIndexes)
        {
            if (values is null || index < 0)
            {
                writer.Null();
                continue;
            }
            writer.Present();
            writer.Double(values[index] ?? double.NaN);
        }
    }

    private double?[]? Parse(Alert alert)
    {
        if (alert.Values[_column.Ordinal] is not string json)
            return null;
        try
        {
            return JsonSerializer.Deserialize<double?[]>(json) is { } values && values.Length == LightCurveFeatures.Names.Length ? values : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
