using System.Text.Json;
using Avro;
using Avro.Generic;
using Avro.IO;
using FinkTom.Core.Model;
using FinkTom.Ingest.Decoding;
using FinkTom.Kafka.Wire;

namespace FinkTom.Tests.Livestream;

/// <summary>What FinkTom publishes is what Fink publishes: schemaless Avro of a topLevelRecord, the schema in the key.</summary>
public sealed class WireFormatTests
{
    [Fact]
    public void Every_sample_alert_survives_encoding_and_decoding_with_the_schema_from_the_key()
    {
        var decoder = new AlertPayloadDecoder();
        var key = System.Text.Encoding.UTF8.GetString(FinkWireFormat.Key);
        Assert.True(SampleAlerts.All.Count > 300);
        foreach (var alert in SampleAlerts.All)
        {
            var back = decoder.DecodeSchemaless(FinkWireFormat.Encode(alert), key);
            foreach (var column in ColumnCatalog.Stored)
                Assert.True(Equals(alert.Values[column.Ordinal], back.Values[column.Ordinal]),
                    $"{alert.Candid} {column.Name}: {alert.Values[column.Ordinal]} became {back.Values[column.Ordinal]}");
            Assert.Equal(alert.History, back.History);
            Assert.Equal(alert.Cutouts?.Science, back.Cutouts?.Science);
            Assert.Equal(alert.Cutouts?.Difference, back.Cutouts?.Difference);
        }
    }

    [Fact]
    public void A_generic_Avro_reader_given_only_the_key_reads_the_nested_Fink_layout()
    {
        var alert = SampleAlerts.All.First(a => a.History.Count > 0 && a.Cutouts?.Science is not null);
        var schema = (RecordSchema)Schema.Parse(System.Text.Encoding.UTF8.GetString(FinkWireFormat.Key));
        Assert.Equal("topLevelRecord", schema.Name);
        Assert.All(schema.Fields, f => Assert.True(f.Schema is UnionSchema { Count: 2 } u && u[1].Tag == Schema.Type.Null, f.Name));

        var value = FinkWireFormat.Encode(alert);
        using var stream = new MemoryStream(value);
        var record = new GenericDatumReader<GenericRecord>(schema, schema).Read(null!, new BinaryDecoder(stream));
        Assert.Equal(value.Length, stream.Position); // the value is exactly one record: no header, no magic byte
        Assert.Equal(alert.ObjectId, record["objectId"]);
        Assert.Equal(alert.Candid, record["candid"]);
        var candidate = (GenericRecord)record["candidate"];
        Assert.Equal(alert["i:magpsf"], candidate["magpsf"]);
        Assert.Equal(alert.Jd, candidate["jd"]);
        Assert.Equal(alert["d:cdsxmatch"], record["cdsxmatch"]);
        Assert.Equal(alert.History.Count, ((object[])record["prv_candidates"]).Length);
        Assert.Equal(alert.Cutouts!.Science, ((GenericRecord)record["cutoutScience"])["stampData"]);
    }

    [Fact]
    public void The_key_is_plain_JSON_that_fink_client_can_json_load()
    {
        using var doc = JsonDocument.Parse(FinkWireFormat.Key);
        Assert.Equal("record", doc.RootElement.GetProperty("type").GetString());
        var names = doc.RootElement.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains("candidate", names);
        Assert.Contains("prv_candidates", names);
        Assert.Contains("rf_snia_vs_nonia", names);
        Assert.DoesNotContain(names, n => n!.Contains(':')); // Fink's stream names are unprefixed
    }
}
