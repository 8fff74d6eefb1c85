using System.Text;
using Avro.File;
using Avro.Generic;
using Avro.IO;
using FinkTom.Core.Model;
using FinkTom.Ingest.Avro;
using FinkTom.Ingest.Decoding.Confluent;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Surveys.Lsst;

/// <summary>
/// Rubin alerts as Kafka messages. Rubin's own stream: the Confluent-framed vectors of <c>../shared/data</c>, whose writer
/// schemas come from the headers of the shared sample containers at test time (Rubin's .avsc files are GPL-3.0 and not
/// in this repository). Fink's livestream: the bundled Data Transfer records re-encoded schemaless, key = schema JSON.
/// </summary>
public static class RubinKafkaSamples
{
    public const int V10 = 1000;
    public const int V11 = 1100;

    /// <summary>The diaSource, diaObject and root ids of the two framed vectors (their README; same record in both).</summary>
    public const long VectorAlertId = 1231321321L;
    public const long VectorDiaSourceId = 281323062375219200L;
    public const long VectorDiaObjectId = 281323062375219201L;

    /// <summary>The Confluent-framed value for schema id 1000 or 1100.</summary>
    public static byte[] Vector(int schemaId) => File.ReadAllBytes(
        LsstSamples.Shared($"alert_packet_samples/confluent_framed/lsst.v{schemaId / 100}_{schemaId % 100}_schemaid{schemaId}_fakeAlert.bin")!);

    /// <summary>The sample container of a schema id (the same record as its vector).</summary>
    public static string Container(int schemaId) => schemaId == V10 ? LsstSamples.RubinV10 : LsstSamples.RubinV11;

    /// <summary>Rubin's full writer schema for 1000 or 1100, from its sample container's <c>avro.schema</c> header.</summary>
    public static string SchemaJson(int schemaId)
    {
        using var file = File.OpenRead(Container(schemaId));
        return AvroContainerHeader.Read(file).SchemaJson;
    }

    /// <summary>A folder with <c>1000.avsc</c> and <c>1100.avsc</c> (<see cref="SchemaDirectorySource"/>'s first naming).</summary>
    public static string WriteSchemaFolder(TempDirectory folder)
    {
        foreach (var id in new[] { V10, V11 })
            folder.Write($"{id}.avsc", Encoding.UTF8.GetBytes(SchemaJson(id)));
        return folder.Path;
    }

    public static WriterSchemaResolver FolderResolver(TempDirectory folder) =>
        new([new SchemaDirectorySource(WriteSchemaFolder(folder))]);

    /// <summary>The 7 Fink-processed alerts of the bundled Data Transfer sample as Fink's livestream sends them: the
    /// writer schema's JSON as key, each record schemaless (Apache.Avro's own writer).</summary>
    public static List<(byte[] Key, byte[] Value)> FinkLayoutMessages()
    {
        AvroCodecs.EnsureRegistered();
        using var reader = DataFileReader<GenericRecord>.OpenReader(LsstSamples.DataTransfer);
        var key = Encoding.UTF8.GetBytes(reader.GetMetaString("avro.schema"));
        var writer = new GenericDatumWriter<GenericRecord>(reader.GetSchema());
        var messages = new List<(byte[], byte[])>();
        foreach (var record in reader.NextEntries)
        {
            using var value = new MemoryStream();
            writer.Write(record, new BinaryEncoder(value));
            messages.Add((key, value.ToArray()));
        }
        return messages;
    }

    /// <summary>Same survey, values, measurements and cutouts.</summary>
    public static void AssertSame(Alert expected, Alert actual)
    {
        Assert.Same(expected.Survey, actual.Survey);
        for (var i = 0; i < expected.Values.Length; i++)
            Assert.True(Equals(expected.Values[i], actual.Values[i]),
                $"{expected.Survey.Catalog.Stored[i].Name}: {expected.Values[i]} vs {actual.Values[i]}");
        Assert.Equal(expected.Measurements.Count, actual.Measurements.Count);
        for (var i = 0; i < expected.Measurements.Count; i++)
            Assert.Equal(expected.Measurements[i].Values, actual.Measurements[i].Values);
        Assert.Equal(expected.Cutouts?.Science, actual.Cutouts?.Science);
        Assert.Equal(expected.Cutouts?.Template, actual.Cutouts?.Template);
        Assert.Equal(expected.Cutouts?.Difference, actual.Cutouts?.Difference);
    }
}
