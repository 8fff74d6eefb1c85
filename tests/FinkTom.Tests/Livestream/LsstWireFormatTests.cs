using System.Text.Json.Nodes;
using Avro.File;
using Avro.Generic;
using FinkTom.Core.Model;
using FinkTom.Core.Surveys;
using FinkTom.Ingest.Decoding;
using FinkTom.Kafka.Wire;
using FinkTom.Tests.Surveys.Lsst;

namespace FinkTom.Tests.Livestream;

/// <summary>
/// Rubin livestream messages are in Fink's LSST layout (contract fink-lsst-api §4.5): schemaless Avro of a
/// <c>topLevelRecord.value</c>, the schema in the key; sections are records, an absent one all nulls.
/// </summary>
public sealed class LsstWireFormatTests
{
    private static readonly List<Alert> Samples = LsstSamples.Read(LsstSamples.DataTransfer);

    // Added by the Data Transfer job only (contract §4.4, fields 25–29), not by the livestream.
    private static readonly string[] TransferOnly = ["timestamp", "year", "month", "day", "tns_type_recomputed"];

    [Fact]
    public void The_key_is_Fink_s_Rubin_schema_field_by_field_without_the_transfer_only_fields()
    {
        // The writer schema Fink put in the bundled Data Transfer file is the reference.
        using var file = DataFileReader<GenericRecord>.OpenReader(LsstSamples.DataTransfer);
        var fink = AvroShape.Lines(JsonNode.Parse(file.GetSchema().ToString())!)
            .Where(l => !TransferOnly.Contains(l[..l.IndexOf(':')])).ToList();
        var ours = AvroShape.Lines(JsonNode.Parse(FinkLsstWireFormat.SchemaJson)!);

        Assert.Equal(fink, ours);
        Assert.Equal(24, ours.Count(l => !l[..l.IndexOf(':')].Contains('.') && !l[..l.IndexOf(':')].Contains('[')));
        Assert.Contains("diaObject: record diaObject", ours); // sections are plain records
        Assert.Equal("topLevelRecord.value", JsonNode.Parse(FinkLsstWireFormat.SchemaJson)!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Only_fields_FinkTom_keeps_no_value_for_are_always_null()
    {
        Assert.Equal(["brokerIngestMjd", "brokerStartProcessTimestamp", "publisher", "lc_features", "brokerEndProcessTimestamp"],
            FinkLsstWireFormat.AlwaysNullFields);
    }

    [Fact]
    public void Every_Rubin_sample_survives_encoding_and_decoding_with_the_schema_from_the_key()
    {
        var decoder = new AlertPayloadDecoder();
        var key = System.Text.Encoding.UTF8.GetString(FinkLsstWireFormat.Key);
        Assert.Equal(7, Samples.Count);
        foreach (var alert in Samples)
        {
            var back = decoder.DecodeSchemaless(FinkLsstWireFormat.Encode(alert), key);
            Assert.Same(Survey.Lsst, back.Survey);
            foreach (var column in Survey.Lsst.Catalog.Stored)
                Assert.True(Equals(alert.Values[column.Ordinal], back.Values[column.Ordinal]),
                    $"{alert.Id} {column.Name}: {alert.Values[column.Ordinal]} became {back.Values[column.Ordinal]}");
            Assert.Equal(Shape(alert.Measurements), Shape(back.Measurements));
            Assert.Equal(alert.Cutouts?.Science, back.Cutouts?.Science);
            Assert.Equal(alert.Cutouts?.Template, back.Cutouts?.Template);
            Assert.Equal(alert.Cutouts?.Difference, back.Cutouts?.Difference);
        }
        Assert.Contains(Samples, a => a.Measurements.Any(m => m.Kind.Name == "prvDiaSources"));
        Assert.Contains(Samples, a => a.Measurements.Any(m => m.Kind.Name == "prvDiaForcedSources"));
    }

    [Fact]
    public void A_fink_client_style_reader_sees_64_bit_ids_exactly_and_absent_sections_as_records_of_nulls()
    {
        foreach (var alert in Samples)
        {
            var record = FinkClientReader.Read(FinkLsstWireFormat.Key, FinkLsstWireFormat.Encode(alert));
            var diaSource = (GenericRecord)record["diaSource"];
            Assert.Equal(alert.Id, record["diaSourceId"]);
            Assert.Equal(alert.Id, diaSource["diaSourceId"]);
            Assert.True(alert.Id > 1L << 53); // a double would round it
            var diaObject = (GenericRecord)record["diaObject"];
            var ssSource = (GenericRecord)record["ssSource"];
            if (alert["f:is_sso"] is true)
            {
                Assert.All(diaObject.Schema.Fields, f => Assert.Null(diaObject[f.Name])); // Fink: "no diaObject"
                Assert.Equal(alert["r:ssObjectId"], ssSource["ssObjectId"]);
                var orbit = (GenericRecord)record["mpc_orbits"];
                Assert.Equal(alert["r:packed_primary_provisional_designation"], orbit["packed_primary_provisional_designation"]);
                Assert.Equal(alert["r:a"], orbit["a"]); // the orbit goes out as it came in
                Assert.Equal(alert["r:epoch_mjd"], orbit["epoch_mjd"]);
                Assert.Null(record["prvDiaSources"]);
            }
            else
            {
                Assert.Equal(alert["r:diaObjectId"], diaObject["diaObjectId"]);
                Assert.Equal(alert["o:ra"], diaObject["ra"]); // the object's own position, not the diaSource's
                Assert.Equal(alert["r:nDiaSources"], diaObject["nDiaSources"]);
                Assert.All(ssSource.Schema.Fields, f => Assert.Null(ssSource[f.Name]));
                var noOrbit = (GenericRecord)record["mpc_orbits"];
                Assert.All(noOrbit.Schema.Fields, f => Assert.Null(noOrbit[f.Name]));
                Assert.Equal(alert.Measurements.Count(m => m.Kind.Name == "prvDiaSources"), ((object[])record["prvDiaSources"]).Length);
            }
            Assert.Equal(alert["f:clf_cats_class"], ((GenericRecord)record["clf"])["cats_class"]);
            Assert.Equal(alert["f:xm_simbad_otype"], ((GenericRecord)record["xm"])["simbad_otype"]);
            Assert.Equal(alert["f:is_sso"], ((GenericRecord)record["pred"])["is_sso"]);
            Assert.Equal(alert["f:firstDiaSourceMjdTaiFink"], ((GenericRecord)record["misc"])["firstDiaSourceMjdTaiFink"]);
            Assert.Equal(alert.Cutouts?.Science, record["cutoutScience"]);
            Assert.Equal(alert["f:fink_science_version"], record["fink_science_version"]);
        }
    }

    [Fact]
    public void A_ZTF_alert_is_refused_rather_than_written_in_the_Rubin_layout()
    {
        Assert.Throws<ArgumentException>(() => FinkLsstWireFormat.Encode(SampleAlerts.All[0]));
    }

    private static List<string> Shape(IEnumerable<Measurement> measurements) =>
        measurements.OrderBy(m => m.Kind.Name).ThenBy(m => m.Time).ThenBy(m => m.Id)
            .Select(m => m.Kind.Name + ":" + string.Join("|", m.Values.Select(v => v?.ToString() ?? "null"))).ToList();
}
