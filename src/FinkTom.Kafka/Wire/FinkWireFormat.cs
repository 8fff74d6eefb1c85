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
    private static readonly JsonObject Fink = LoadSchema();

    private static readonly WireField[] Fields = ((JsonArray)Fink["fields"]!).Select(f => Field((JsonObject)f!)).ToArray();

    [ThreadStatic] private static AvroWriter? t_writer;

    /// <summary>The writer schema (JSON), sent as the key of every livestream message.</summary>
    public static string SchemaJson { get; } = new JsonObject
    {
        ["type"] = "record",
        ["name"] = "topLevelRecord",
        ["fields"] = new JsonArray(Fields.Select(JsonNode (f) => f.Schema()).ToArray()),
    }.ToJsonString();

    /// <summary>The key bytes: the schema as UTF-8 JSON.</summary>
    public static byte[] Key { get; } = System.Text.Encoding.UTF8.GetBytes(SchemaJson);

    /// <summary>Root fields FinkTom always sends null, because it keeps no such value (README "Livestreams").</summary>
    public static IReadOnlyList<string> AlwaysNullFields { get; } = Fields.OfType<NullField>().Select(f => f.Name).ToArray();

    /// <summary>The message value for one alert.</summary>
    public static byte[] Encode(Alert alert)
    {
        var writer = t_writer ??= new AvroWriter();
        writer.Reset();
        foreach (var field in Fields)
            field.Write(writer, alert);
        return writer.Written.ToArray();
    }

    /// <summary>The writer of one root field of Fink's schema, from the catalogue column of the same name.</summary>
    private static WireField Field(JsonObject field)
    {
        var name = field["name"]!.GetValue<string>();
        var type = field["type"]!;
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

    private static JsonObject LoadSchema()
    {
        using var stream = typeof(FinkWireFormat).Assembly.GetManifestResourceStream("FinkTom.Kafka.Wire.FinkZtfDistribution.avsc")
            ?? throw new InvalidOperationException("FinkZtfDistribution.avsc is not embedded");
        return (JsonObject)JsonNode.Parse(stream)!;
    }
}
