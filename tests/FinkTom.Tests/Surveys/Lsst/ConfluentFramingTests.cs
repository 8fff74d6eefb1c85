using System.Text;
using FinkTom.Core.Surveys;
using FinkTom.Ingest.Avro;
using FinkTom.Ingest.Decoding;
using FinkTom.Ingest.Decoding.Confluent;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Surveys.Lsst;

/// <summary>Rubin's own stream: Confluent-framed values decoded with the writer schema their id names (contract
/// fink-lsst-api.md §4.3, §6.8), from a local schema folder.</summary>
public sealed class ConfluentFramingTests : IDisposable
{
    private readonly TempDirectory _schemas = new();

    public void Dispose() => _schemas.Dispose();

    [SharedDataFact]
    public void The_v10_and_v11_vectors_decode_to_their_sample_alerts_with_exact_ids_shared_data()
    {
        var decoder = new ConfluentAlertDecoder(RubinKafkaSamples.FolderResolver(_schemas));
        foreach (var id in new[] { RubinKafkaSamples.V10, RubinKafkaSamples.V11 })
        {
            var alert = decoder.Decode(RubinKafkaSamples.Vector(id));

            RubinKafkaSamples.AssertSame(Assert.Single(LsstSamples.Read(RubinKafkaSamples.Container(id))), alert);
            Assert.Same(Survey.Lsst, alert.Survey);
            Assert.Equal($"lsst.v{id / 100}_0", alert["f:lsst_schema_version"]);
            Assert.Equal(RubinKafkaSamples.VectorAlertId, alert.Id);
            // Beyond 2^53: a double would round these.
            Assert.Equal(RubinKafkaSamples.VectorDiaObjectId, alert["r:diaObjectId"]);
            Assert.Equal([281323062375219198L, 281323062375219199L], alert.Measurements.Select(m => m.Id).Order());
        }
    }

    [SharedDataFact]
    public void A_v11_body_under_the_v10_id_is_refused_not_misread_shared_data()
    {
        var decoder = new ConfluentAlertDecoder(RubinKafkaSamples.FolderResolver(_schemas));
        var v11Body = RubinKafkaSamples.Vector(RubinKafkaSamples.V11)[ConfluentFraming.HeaderLength..];
        var v10Body = RubinKafkaSamples.Vector(RubinKafkaSamples.V10)[ConfluentFraming.HeaderLength..];

        // The README's finding: v11's non-nullable ints have no union branch byte, so v10's schema reads them wrongly.
        var e = Assert.Throws<AvroFormatException>(() => decoder.Decode(ConfluentFraming.Frame(1000, v11Body)));
        Assert.StartsWith("schema id 1000: payload does not match the writer schema", e.Message);
        Assert.Throws<AvroFormatException>(() => decoder.Decode(ConfluentFraming.Frame(1100, v10Body)));
    }

    [SharedDataFact]
    public void Unknown_ids_wrong_magic_and_truncation_have_clear_reasons_shared_data()
    {
        var decoder = new ConfluentAlertDecoder(RubinKafkaSamples.FolderResolver(_schemas));
        var vector = RubinKafkaSamples.Vector(RubinKafkaSamples.V10);
        string Reason(byte[] value) => Assert.Throws<AvroFormatException>(() => decoder.Decode(value)).Message;

        Assert.StartsWith("unknown schema id 1200: not in the schema folder", Reason(ConfluentFraming.Frame(1200, vector.AsSpan(5))));
        Assert.Contains("the first byte is 0x01", Reason([1, .. vector.AsSpan(1)]));
        Assert.StartsWith("truncated Confluent header", Reason(vector[..3]));
        Assert.Equal("Confluent-framed message with schema id 1000 has no Avro body", Reason(vector[..5]));
        Assert.StartsWith("schema id 1000: payload does not match the writer schema", Reason(vector[..400]));
        Assert.Contains("bytes left after the record", Reason([.. vector, 0, 0]));
        Assert.StartsWith("empty value", Reason([]));
    }

    [SharedDataFact]
    public void A_schema_folder_laid_out_as_alert_packet_with_named_references_works_shared_data()
    {
        // alert_packet's tree: 10/0/lsst.v10_0.alert.avsc naming lsst.v10_0.diaSource etc., each in its own file.
        foreach (var id in new[] { RubinKafkaSamples.V10, RubinKafkaSamples.V11 })
            SplitSchemaFiles.Write(RubinKafkaSamples.SchemaJson(id), Path.Combine(_schemas.Path, $"{id / 100}", "0"));
        Assert.Contains("\"lsst.v10_0.diaSource\"", File.ReadAllText(Path.Combine(_schemas.Path, "10/0/lsst.v10_0.alert.avsc")));
        var decoder = new ConfluentAlertDecoder(new WriterSchemaResolver([new SchemaDirectorySource(_schemas.Path)]));

        foreach (var id in new[] { RubinKafkaSamples.V10, RubinKafkaSamples.V11 })
            RubinKafkaSamples.AssertSame(Assert.Single(LsstSamples.Read(RubinKafkaSamples.Container(id))),
                decoder.Decode(RubinKafkaSamples.Vector(id)));
    }

    [SharedDataFact]
    public void Schema_files_named_after_the_version_are_found_shared_data()
    {
        _schemas.Write("lsst.v11_0.alert.avsc", Encoding.UTF8.GetBytes(RubinKafkaSamples.SchemaJson(RubinKafkaSamples.V11)));
        var decoder = new ConfluentAlertDecoder(new WriterSchemaResolver([new SchemaDirectorySource(_schemas.Path)]));

        Assert.Equal("lsst.v11_0", decoder.Decode(RubinKafkaSamples.Vector(RubinKafkaSamples.V11))["f:lsst_schema_version"]);
        Assert.Equal(["1000.avsc", "lsst.v10_0.alert.avsc", Path.Combine("10", "0", "lsst.v10_0.alert.avsc")], SchemaDirectorySource.FileNames(1000));
    }

    [Fact]
    public void A_schema_file_that_is_not_a_schema_is_reported_with_its_id_and_folder()
    {
        _schemas.Write("7.avsc", "{\"type\": \"record\", \"name\": "u8.ToArray());
        _schemas.Write("8.avsc", "{\"type\": \"record\", \"name\": \"x\", \"fields\": [{\"name\": \"a\", \"type\": \"nosuch.Type\"}]}"u8.ToArray());
        var resolver = new WriterSchemaResolver([new SchemaDirectorySource(_schemas.Path)]);

        Assert.Contains("is not valid JSON", Assert.Throws<AvroFormatException>(() => resolver.Resolve(7)).Message);
        var undefined = Assert.Throws<AvroFormatException>(() => resolver.Resolve(8)).Message;
        Assert.StartsWith($"schema id 8 from the schema folder {_schemas.Path}: writer schema is not a valid Avro schema", undefined);
        Assert.Contains("nosuch.Type", undefined);
    }

    [Fact]
    public void A_schema_file_with_a_duplicate_key_is_a_format_error_not_an_argument_exception()
    {
        // Found by ConfluentFuzzTests: JsonObject threw ArgumentException when the duplicate was first read.
        _schemas.Write("3.avsc", """{"type": "record", "name": "x", "fields": [{"name": "a", "name": "b", "type": "x.y"}]}"""u8.ToArray());
        var resolver = new WriterSchemaResolver([new SchemaDirectorySource(_schemas.Path)]);

        Assert.Contains("is not valid JSON", Assert.Throws<AvroFormatException>(() => resolver.Resolve(3)).Message);
    }

    [Fact]
    public void A_Fink_layout_alert_framed_under_any_id_decodes_with_the_schema_filed_under_it()
    {
        // The framing is not Rubin-specific: the bundled Fink-processed alerts, framed under id 7 with their own schema.
        var (key, value) = RubinKafkaSamples.FinkLayoutMessages()[0];
        _schemas.Write("7.avsc", key);
        var decoder = new ConfluentAlertDecoder(new WriterSchemaResolver([new SchemaDirectorySource(_schemas.Path)]));

        RubinKafkaSamples.AssertSame(LsstSamples.Read(LsstSamples.DataTransfer)[0], decoder.Decode(ConfluentFraming.Frame(7, value)));
    }

    [Fact]
    public void A_record_that_is_not_an_alert_is_an_alert_decode_error()
    {
        _schemas.Write("9.avsc", "{\"type\": \"record\", \"name\": \"x\", \"fields\": [{\"name\": \"a\", \"type\": \"int\"}]}"u8.ToArray());
        var decoder = new ConfluentAlertDecoder(new WriterSchemaResolver([new SchemaDirectorySource(_schemas.Path)]));

        Assert.Contains("nor a Rubin alert", Assert.Throws<AlertDecodeException>(() => decoder.Decode(ConfluentFraming.Frame(9, [2]))).Message);
    }
}
