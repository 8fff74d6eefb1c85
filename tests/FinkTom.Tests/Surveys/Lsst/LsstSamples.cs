using FinkTom.Core.Model;
using FinkTom.Ingest.Files;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Surveys.Lsst;

/// <summary>The Rubin alert files the tests read: the bundled Fink Data Transfer sample (Apache-2.0) and, from
/// <c>../shared/data</c>, Rubin's own GPL-3.0 samples (test inputs only, never shipped).</summary>
public static class LsstSamples
{
    /// <summary>7 Fink-processed Rubin alerts (fink-client <c>datatest/lsst/part-2-918301.avro</c>): 5 static, 2 Solar System.</summary>
    public static string DataTransfer => TestPaths.Sample("lsst/fink-client_datatransfer_lsst/part-2-918301.avro");

    public static string? Shared(string relative) => TestPaths.SharedData is { } data ? Path.Combine(data, "lsst", relative) : null;

    public static string RubinV10 => Shared("alert_packet_samples/v10_0/fakeAlert.avro")!;
    public static string RubinV11 => Shared("alert_packet_samples/v11_0/fakeAlert.avro")!;

    public static List<Alert> Read(string path)
    {
        var rejections = new List<IngestRejection>();
        var alerts = new AlertFileReader().Read(path, rejections.Add).ToList();
        Assert.Empty(rejections);
        return alerts;
    }
}
