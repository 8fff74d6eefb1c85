using System.Text.Json.Nodes;
using FinkTom.Kafka.Wire;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Livestream;

/// <summary>The livestream key is Fink's ZTF distribution schema, field by field (issue 15 item 2).</summary>
public sealed class FinkSchemaTests
{
    /// <summary>fink-client's dump of the schema Fink publishes with its ZTF data (fink 4.1, science 8.41.0).</summary>
    private static readonly string FinkSchemaFile = TestPaths.Sample("fink/fink-client_datatransfer_ztf/avro_schema_ftransfer_ztf_2026-03-23_11487.json");

    // Added by the Data Transfer job only (contract fink-livestream §3), not by the livestream.
    private static readonly string[] TransferOnly = ["year", "month", "day", "finkclass", "tnsclass"];

    [Fact]
    public void The_key_has_every_field_of_Fink_s_schema_with_the_same_name_order_type_and_nullability()
    {
        var fink = AvroShape.Lines(JsonNode.Parse(File.ReadAllText(FinkSchemaFile))!)
            .Where(l => !TransferOnly.Contains(l[..l.IndexOf(':')])).ToList();
        var ours = AvroShape.Lines(JsonNode.Parse(FinkWireFormat.SchemaJson)!);
        Assert.Equal(fink, ours);
        Assert.Equal(58, ours.Count(l => !l.Contains('.')));
        Assert.Contains("candidate: record candidate", ours); // Fink's nested records are not nullable
        Assert.Contains("prv_candidates: [array<[record prv_candidates, null]>, null]", ours);
        Assert.Equal(57, ours.Count(l => l.StartsWith("prv_candidates[].", StringComparison.Ordinal)));
        Assert.Equal(103, ours.Count(l => l.StartsWith("candidate.", StringComparison.Ordinal)));
        Assert.Contains("blazar_stats: [map<[float, null]>, null]", ours);
        Assert.Contains("slsn_score: [double, null]", ours);
    }

    [Fact]
    public void Only_the_fields_FinkTom_keeps_no_value_for_are_always_null()
    {
        string[] expected =
        [
            "brokerIngestTimestamp", "brokerStartProcessTimestamp", "anomaly_score_beta", "anomaly_score_anais",
            "anomaly_score_emille", "anomaly_score_julien", "anomaly_score_maria", "anomaly_score_emille_30days",
            "anomaly_score_varvara", "brokerEndProcessTimestamp", "timestamp",
        ];
        Assert.Equal(expected, FinkWireFormat.AlwaysNullFields);
    }
}
