using System.Text.Json.Nodes;
using FinkTom.Core.Model;
using FinkTom.Core.Surveys;
using FinkTom.Ingest.Decoding.Lsst;

namespace FinkTom.Kafka.Wire;

/// <summary>
/// Fink's Rubin livestream encoding (contract fink-lsst-api §4.5): schemaless Avro of one <c>topLevelRecord.value</c>,
/// the writer schema as JSON text in the key. The schema (<c>FinkLsstDistribution.avsc</c>) is fink-client's Rubin Data
/// Transfer dump without the transfer-only <c>timestamp, year, month, day, tns_type_recomputed</c>: the 24 fields of
/// Fink's online science layout, every leaf <c>[T, "null"]</c>, the sections plain records (an absent section is a
/// record of nulls, as Spark writes it). FinkTom fills what it keeps — the Rubin alert, Fink's <c>xm</c>, <c>clf</c>,
/// <c>pred</c>, <c>misc</c>, the versions — and writes null elsewhere (<see cref="AlwaysNullFields"/>; of
/// <c>mpc_orbits</c> it keeps the designations only). FinkTom's decoder reads it back as it reads Fink's own packets.
/// </summary>
public static class FinkLsstWireFormat
{
    private static readonly Survey Lsst = Survey.Lsst;

    private static readonly WireLayout Layout = new(WireLayout.Load("FinkLsstDistribution.avsc"), Field);

    public static string SchemaJson => Layout.SchemaJson;

    public static byte[] Key => Layout.Key;

    /// <summary>Root fields FinkTom always sends null (broker timestamps, <c>lc_features</c>, …).</summary>
    public static IReadOnlyList<string> AlwaysNullFields => Layout.AlwaysNullFields;

    /// <summary>The message value for one Rubin alert, with its <c>prvDiaSources</c> and <c>prvDiaForcedSources</c>
    /// from <see cref="Alert.Measurements"/> and its stamps from <see cref="Alert.Cutouts"/>.</summary>
    public static byte[] Encode(Alert alert) => alert.Survey == Lsst
        ? Layout.Encode(alert)
        : throw new ArgumentException($"A {alert.Survey.Title} alert has no place in Fink's Rubin layout.", nameof(alert));

    private static WireField Field(string name, JsonNode type) => name switch
    {
        "cutoutScience" => new BytesCutoutField(name, type, CutoutKind.Science),
        "cutoutTemplate" => new BytesCutoutField(name, type, CutoutKind.Template),
        "cutoutDifference" => new BytesCutoutField(name, type, CutoutKind.Difference),
        LsstSections.PrvDiaSources or LsstSections.PrvDiaForcedSources => new MeasurementsField(name, type, Lsst.History.Single(k => k.Name == name)),
        _ when type is JsonObject record && record["type"]?.GetValue<string>() == "record" => Section(name, record),
        _ => LsstSections.ColumnOf("", name) is { } column ? new ColumnField(name, type, column) : new NullField(name, type),
    };

    private static SectionField Section(string name, JsonObject record)
    {
        var fields = ((JsonArray)record["fields"]!).Select(f =>
        {
            var (field, fieldType) = (f!["name"]!.GetValue<string>(), f["type"]!);
            return LsstSections.ColumnOf(name, field) is { } column ? (WireField)new ColumnField(field, fieldType, column) : new NullField(field, fieldType);
        }).ToList();
        return new SectionField(name, record, fields, [.. LsstSections.OwnedBy(name)]);
    }
}

/// <summary>A section of a Rubin alert (<c>diaSource</c>, <c>diaObject</c>, <c>xm</c>, …): a record that is always
/// there; when the alert has none of its values (no <c>diaObject</c> for an asteroid) every field is null.</summary>
internal sealed class SectionField(string name, JsonNode type, IReadOnlyList<WireField> fields, IReadOnlyList<ColumnDef> owned) : WireField(name, type)
{
    protected override bool HasValue(Alert alert) => true;

    protected override void WriteValue(AvroWriter writer, Alert alert)
    {
        var present = owned.Any(c => alert.Values[c.Ordinal] is not null);
        foreach (var field in fields)
        {
            if (present)
                field.Write(writer, alert);
            else if (field.Nullable)
                writer.Null();
            else
                throw new InvalidOperationException($"{Name}.{field.Name} is not nullable");
        }
    }
}

/// <summary><c>prvDiaSources</c> / <c>prvDiaForcedSources</c>: <c>[array&lt;[record, "null"]&gt;, "null"]</c> from
/// the alert's measurements of that kind, oldest first; null for an alert without a diaObject.</summary>
internal sealed class MeasurementsField : WireField
{
    private readonly HistoryKind _kind;
    private readonly (string Type, ColumnDef? Column)[] _items;

    public MeasurementsField(string name, JsonNode type, HistoryKind kind) : base(name, type)
    {
        _kind = kind;
        var item = (JsonObject)((JsonArray)((JsonObject)ValueType)["items"]!)[0]!;
        _items = ((JsonArray)item["fields"]!).Select(f => (((JsonArray)f!["type"]!)[0]!.GetValue<string>(),
            kind.Catalog!.TryGet("r:" + f["name"]!.GetValue<string>(), out var column) ? column : null)).ToArray();
    }

    protected override bool HasValue(Alert alert) => alert.Values[alert.Survey.ObjectId.Ordinal] is not null;

    protected override void WriteValue(AvroWriter writer, Alert alert)
    {
        var items = alert.Measurements.Where(m => m.Kind == _kind).OrderBy(m => m.Time).ToList();
        if (items.Count > 0)
        {
            writer.Long(items.Count);
            foreach (var item in items)
            {
                writer.Present();
                foreach (var (type, column) in _items)
                    AvroValue.WriteNullable(writer, column is null ? null : item.Values[column.Ordinal], type);
            }
        }
        writer.Long(0);
    }
}

/// <summary>A Rubin stamp: <c>[bytes, "null"]</c>, the raw multi-HDU FITS as delivered.</summary>
internal sealed class BytesCutoutField(string name, JsonNode type, CutoutKind kind) : WireField(name, type)
{
    protected override bool HasValue(Alert alert) => alert.Cutouts?.Get(kind) is not null;

    protected override void WriteValue(AvroWriter writer, Alert alert) => writer.Bytes(alert.Cutouts!.Get(kind)!);
}
