using Avro.Generic;
using FinkTom.Core.Model;
using FinkTom.Ingest.Avro;
using FinkTom.Ingest.Decoding;
using FinkTom.Ingest.Files;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Ingest;

/// <summary>The bundled sample files the ingest tests use, and small helpers to read them.</summary>
internal static class SampleFiles
{
    public static string Ztf19acihgng => TestPaths.Sample("ztf/fink-client_datatest/ZTF19acihgng.avro");
    public static string ZtfMultiAlerts => TestPaths.Sample("ztf/fink-client_datatest/avro_multi_alerts_other.avro");
    public static string DataTransfer => TestPaths.Sample("fink/fink-client_datatransfer_ztf/part-3-305711.avro");
    public static string DataTransferSchema =>
        TestPaths.Sample("fink/fink-client_datatransfer_ztf/avro_schema_ftransfer_ztf_2026-03-23_11487.json");
    public static string Snappy => TestPaths.Sample("fink/fink-client_tests_sample.avro/part-00001-0f70696a-f8dd-40ab-89e7-e7f64c104e25-c000.avro");
    public static string Fink2019 => TestPaths.Sample("fink/fink-client_tests_data/fink-broker-sample-alert-1.avro");
    public static string Fink2020 => TestPaths.Sample("fink/fink-client_datatest/avro_multi_alerts.avro");

    /// <summary>All alerts of a file; fails the test if anything in it is rejected.</summary>
    public static List<Alert> ReadAlerts(string path)
    {
        var rejections = new List<IngestRejection>();
        var alerts = new AlertFileReader().Read(path, rejections.Add).ToList();
        Assert.Empty(rejections);
        return alerts;
    }

    /// <summary>The raw records of a file, read with Apache.Avro's own DataFileReader (independent of ours).</summary>
    public static List<GenericRecord> ReadRecords(string path)
    {
        AvroCodecs.EnsureRegistered();
        using var reader = global::Avro.File.DataFileReader<GenericRecord>.OpenReader(path);
        return reader.NextEntries.ToList();
    }

    public static Alert Single(string path) => Assert.Single(ReadAlerts(path));

    public static object? Field(GenericRecord record, string name) =>
        record.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException(name);

    public static AlertDecoder Decoder { get; } = new();
}
