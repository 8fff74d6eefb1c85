using Avro.Generic;
using Avro.IO;
using FinkTom.Ingest.Avro;
using FinkTom.Ingest.Decoding;

namespace FinkTom.Tests.Ingest;

/// <summary>Kafka message values: schemaless Avro with the writer schema as JSON (Fink livestream/Data Transfer) and
/// whole Avro containers (ZTF's stream), contract fink-livestream §3–4.</summary>
public sealed class PayloadDecodingTests
{
    private readonly AlertPayloadDecoder _payloads = new();

    [Fact]
    public void SchemalessValues_DecodeWithTheDataTransferJsonSchema_LikeTheContainerFile()
    {
        var schemaJson = File.ReadAllText(SampleFiles.DataTransferSchema); // fastavro dump, with __named_schemas
        var fromFile = SampleFiles.ReadAlerts(SampleFiles.DataTransfer);
        var records = SampleFiles.ReadRecords(SampleFiles.DataTransfer);

        for (var i = 0; i < records.Count; i++)
        {
            var alert = _payloads.DecodeSchemaless(Schemaless(records[i]), schemaJson);

            Assert.Equal(fromFile[i].Values, alert.Values);
            Assert.Equal(fromFile[i].History, alert.History);
            Assert.Equal(fromFile[i].Cutouts!.Template, alert.Cutouts!.Template);
        }
    }

    [Fact]
    public void TruncatedOrOverlongSchemalessValue_IsReportedAsASchemaMismatch()
    {
        var schemaJson = File.ReadAllText(SampleFiles.DataTransferSchema);
        var value = Schemaless(SampleFiles.ReadRecords(SampleFiles.DataTransfer)[0]);

        var truncated = Assert.Throws<AvroFormatException>(() => _payloads.DecodeSchemaless(value[..^200], schemaJson));
        var overlong = Assert.Throws<AvroFormatException>(() => _payloads.DecodeSchemaless(value.Concat(new byte[3]).ToArray(), schemaJson));

        Assert.Contains("does not match the writer schema", truncated.Message);
        Assert.Contains("3 bytes left", overlong.Message);
    }

    [Fact]
    public void SchemalessValueOfANonAlertSchema_IsRejected()
    {
        const string schemaJson = """{"type":"record","name":"heartbeat","fields":[{"name":"n","type":"int"}]}""";

        var error = Assert.Throws<AlertDecodeException>(() => _payloads.DecodeSchemaless(new byte[] { 2 }, schemaJson));
        Assert.Contains("not a ZTF alert", error.Message);
    }

    [Fact]
    public void InvalidSchemaJson_IsReportedAsSuch()
    {
        var error = Assert.Throws<AvroFormatException>(() => _payloads.DecodeSchemaless(new byte[] { 2 }, "2.7_3.10.1"));
        Assert.Contains("not a valid Avro schema", error.Message); // pre-2023 keys were version strings, not schemas
    }

    [Fact]
    public void ContainerPayload_DecodesLikeTheFile()
    {
        var alerts = _payloads.DecodeContainer(File.ReadAllBytes(SampleFiles.Ztf19acihgng));

        var alert = Assert.Single(alerts);
        Assert.Equal(1060135832015015002L, alert.Candid);
        Assert.Equal(34, alert.History.Count);
    }

    [Fact]
    public void NonAvroContainerPayload_IsRejected()
    {
        var error = Assert.Throws<AvroFormatException>(() => _payloads.DecodeContainer("{\"objectId\": 1}"u8.ToArray()));
        Assert.Contains("not an Avro container", error.Message);
    }

    private static byte[] Schemaless(GenericRecord record)
    {
        using var stream = new MemoryStream();
        new GenericDatumWriter<GenericRecord>(record.Schema).Write(record, new BinaryEncoder(stream));
        return stream.ToArray();
    }
}
