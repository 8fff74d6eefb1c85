using System.Text.Json.Nodes;
using FinkTom.Core.Model;
using FinkTom.Ingest.Decoding;

namespace FinkTom.Kafka.Wire;

/// <summary>
/// Fink's livestream encoding (contract fink-livestream §3): the message value is one <c>topLevelRecord</c> in Avro
/// binary without any header (schemaless), the message key is the writer schema as JSON text, repeated in every
/// message. The schema is Fink's ZTF distribution schema itself (<c>FinkZtfDistribution.avsc</c>: fink-client's
/// Data Transfer dump without the transfer-only <c>year, month, day, finkclass, tnsclass</c>), field for field, with
/// Fink's types and nullability; FinkTom writes what it keeps and null elsewhere. FinkTom's own decoder reads it back
/// (<see cref="AlertPayloadDecoder.DecodeSchemaless(ReadOnlyMemory{byte}, string)"/>), and so does any Avro library
/// given the key (fastavro's <c>schemaless_reader</c> in fink-client).
/// </summary>
public static class FinkWireFormat
{
    private static readonly WireLayout Layout = new(WireLayout.Load("FinkZtfDistribution.avsc"), Field);

    /// <summary>The writer schema (JSON), sent as the key of every livestream message.</summary>
    public static string SchemaJson => Layout.SchemaJson;

    /// <summary>The key bytes: the schema as UTF-8 JSON.</summary>
    public static byte[] Key => Layout.Key;

    /// <summary>Root fields FinkTom always sends null, because it keeps no such value (README "Livestreams").</summary>
    public static IReadOnlyList<string> AlwaysNullFields => Layout.AlwaysNullFields;

    /// <summary>The message value for one alert.</summary>
    public static byte[] Encode(Alert alert) => Layout.Encode(alert);

    /// <summary>The writer of one root field of Fink's schema, from the catalogue column of the same name.</summary>
    private static WireField Field(string name, JsonNode type)
    {
        return name switch
        {
            FinkFieldNames.Candidate => new RecordField(name, type, CandidateFields(type)),
            FinkFieldNames.PrvCandidates => new HistoryField(name, type),
            "cutoutScience" => new CutoutField(name, type, CutoutKind.Science),
            "cutoutTemplate" => new CutoutField(name, type, CutoutKind.Template),
            "cutoutDifference" => new CutoutField(name, type, CutoutKind.Difference),
            FinkFieldNames.LcFeaturesG or FinkFieldNames.LcFeaturesR => new LightCurveField(name, type, ColumnCatalog.Get("d:" + name)),
            "mangrove" or "blazar_stats" => new MapField(name, type, FinkFieldNames.FlattenedColumns(name).Select(e => (e.Key, e.Value)).ToList()),
            _ when type is JsonObject => throw new InvalidOperationException($"no writer for Fink's nested field '{name}'"),
            _ => FinkFieldNames.RootColumn(name) is { } column ? new ColumnField(name, type, column) : new NullField(name, type),
        };
    }

    private static List<WireField> CandidateFields(JsonNode type) =>
        ((JsonArray)((JsonObject)type)["fields"]!).Select(f =>
        {
            var (name, fieldType) = (f!["name"]!.GetValue<string>(), f["type"]!);
            return FinkFieldNames.CandidateColumn(name) is { } column ? (WireField)new ColumnField(name, fieldType, column) : new NullField(name, fieldType);
        }).ToList();
}
