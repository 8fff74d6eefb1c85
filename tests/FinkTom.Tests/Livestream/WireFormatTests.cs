using System.Text.Json;
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
    public void A_fink_client_style_reader_given_only_the_key_reads_every_field_of_every_sample_alert()
    {
        var withEverything = 0;
        foreach (var alert in SampleAlerts.All)
        {
            var record = FinkClientReader.Read(FinkWireFormat.Key, FinkWireFormat.Encode(alert));
            Assert.Equal("topLevelRecord", record.Schema.Name);
            FinkClientReader.AssertCarries(alert, record);
            if (alert.History.Count > 0 && alert.Cutouts?.Science is not null && alert["d:cdsxmatch"] is not null)
                withEverything++;
        }
        Assert.True(withEverything > 100, "the samples should exercise history, cutouts and Fink's values");
    }

    [Fact]
    public void A_64_bit_candid_survives_exactly()
    {
        var alert = SampleAlerts.All.First(a => a.Candid == 1060135832015015002); // > 2^53: a double would round it
        var record = FinkClientReader.Read(FinkWireFormat.Key, FinkWireFormat.Encode(alert));
        Assert.Equal(1060135832015015002L, record["candid"]);
        Assert.Equal(1060135832015015002L, ((Avro.Generic.GenericRecord)record["candidate"])["candid"]);
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
