using System.Text.Json.Nodes;
using FinkTom.Core.Model;
using FinkTom.Ingest.Decoding;

namespace FinkTom.Kafka.Wire;

/// <summary>
/// Fink's livestream encoding (contract fink-livestream §3): the message value is one <c>topLevelRecord</c> in Avro
/// binary without any header (schemaless), the message key is the writer schema as JSON text, repeated in every
/// message. Every field is a <c>["type","null"]</c> union; ZTF's root fields (<c>objectId</c>, <c>candid</c>, …), the
/// nested <c>candidate</c> record, <c>prv_candidates</c>, the three cutouts, and Fink's added values at the root
/// (<c>cdsxmatch</c>, <c>rf_snia_vs_nonia</c>, <c>mangrove{map}</c>, <c>lc_features_g{26}</c>, …). FinkTom's own
/// decoder reads it back (<see cref="AlertPayloadDecoder.DecodeSchemaless(ReadOnlyMemory{byte}, string)"/>), and so
/// does any Avro library given the key (fastavro's <c>schemaless_reader</c> in fink-client).
/// </summary>
public static class FinkWireFormat
{
    private static readonly string[] RootZtf = ["schemavsn", "publisher", "objectId", "candid"];
    private static readonly string[] RootVersions = ["fink_broker_version", "fink_science_version"];
    private static readonly string[] Flattened = ["mangrove_", "blazar_stats_", "lc_features_"];

    private static readonly WireField[] Fields = Build();

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

    /// <summary>The message value for one alert.</summary>
    public static byte[] Encode(Alert alert)
    {
        var writer = t_writer ??= new AvroWriter();
        writer.Reset();
        foreach (var field in Fields)
            field.Write(writer, alert);
        return writer.Written.ToArray();
    }

    private static WireField[] Build()
    {
        var fields = new List<WireField>();
        fields.AddRange(RootZtf.Select(n => new ColumnField(n, ColumnCatalog.Get("i:" + n))));
        var candidate = ColumnCatalog.ZtfColumns
            .Where(c => c.Field == "candid" || (!RootZtf.Contains(c.Field) && !RootVersions.Contains(c.Field)))
            .Select(WireField (c) => new ColumnField(c.Field, c)).ToList();
        fields.Add(new RecordField("candidate", candidate));
        fields.Add(new HistoryField());
        fields.Add(new CutoutField("cutoutScience", CutoutKind.Science));
        fields.Add(new CutoutField("cutoutTemplate", CutoutKind.Template));
        fields.Add(new CutoutField("cutoutDifference", CutoutKind.Difference));

        foreach (var column in ColumnCatalog.FinkColumns)
        {
            if (!Flattened.Any(p => column.Field.StartsWith(p, StringComparison.Ordinal)))
                fields.Add(new ColumnField(column.Field, column));
        }
        fields.Add(new StringMapField("mangrove", Prefixed("mangrove_").Select(c => (c.Field["mangrove_".Length..], c)).ToList()));
        fields.Add(new RecordField("blazar_stats",
            Prefixed("blazar_stats_").Select(WireField (c) => new ColumnField(c.Field["blazar_stats_".Length..], c)).ToList()));
        fields.Add(new LightCurveField("lc_features_g", ColumnCatalog.Get("d:lc_features_g"), LightCurveFeatures.Names));
        fields.Add(new LightCurveField("lc_features_r", ColumnCatalog.Get("d:lc_features_r"), LightCurveFeatures.Names));
        fields.AddRange(RootVersions.Select(n => new ColumnField(n, ColumnCatalog.Get("i:" + n))));
        return fields.ToArray();
    }

    private static IEnumerable<ColumnDef> Prefixed(string prefix) =>
        ColumnCatalog.FinkColumns.Where(c => c.Field.StartsWith(prefix, StringComparison.Ordinal));
}
