using Avro.Generic;
using FinkTom.Core.Model;

namespace FinkTom.Tests.Ingest;

/// <summary>The 2020 Fink stream format (<c>avro_multi_alerts.avro</c>): <c>rfscore</c>, <c>snn</c>, and the
/// history as concatenated arrays <c>cjd, cfid, cmagpsf, …</c> = prv_candidates followed by the alert itself.</summary>
public sealed class OldFinkFormatTests
{
    // Fresh records for each test: the tests below edit them.
    private static List<GenericRecord> ReadRecords() => SampleFiles.ReadRecords(SampleFiles.Fink2020);

    [Fact]
    public void Rfscore_LandsInRfSniaVsNonia_AndSnnInSnnSniaVsNonia()
    {
        var alert = SampleFiles.ReadAlerts(SampleFiles.Fink2020).Single(a => a.ObjectId == "ZTF18acrumis");

        Assert.Equal(0.433, alert["d:rf_snia_vs_nonia"]);
        Assert.Equal(0.45450136065483093, alert["d:snn_snia_vs_nonia"]);
        Assert.Equal("Unknown", alert["d:cdsxmatch"]);
    }

    [Fact]
    public void HistoryRebuiltFromCompactArrays_LeavesOutTheAlertItself_AndMatchesPrvCandidates()
    {
        foreach (var record in ReadRecords())
        {
            var fromPrv = SampleFiles.Decoder.Decode(record);
            var cjd = (object[])SampleFiles.Field(record, "cjd")!;

            record.Add("prv_candidates", null); // as in packets that only carry the c* arrays
            var fromArrays = SampleFiles.Decoder.Decode(record);

            Assert.Equal(cjd.Length - 1, fromArrays.History.Count);
            Assert.DoesNotContain(fromArrays.History, p => p.Jd == fromArrays.Jd && p.MagPsf == (float)fromArrays["i:magpsf"]!);
            Assert.Equal(
                fromPrv.History.Select(p => (p.Jd, p.Fid, p.MagPsf, p.SigmaPsf, p.MagNr, p.SigmaGnr, p.IsDiffPos)),
                fromArrays.History.Select(p => (p.Jd, p.Fid, p.MagPsf, p.SigmaPsf, p.MagNr, p.SigmaGnr, p.IsDiffPos)));
        }
    }

    [Fact]
    public void HistoryRebuiltFromCompactArrays_HasDetectionsAndUpperLimits()
    {
        var record = ReadRecords().Single(r => (string)SampleFiles.Field(r, "objectId")! == "ZTF18acrumis");
        record.Add("prv_candidates", null);

        var alert = SampleFiles.Decoder.Decode(record);

        Assert.Equal(21, alert.History.Count);
        Assert.Equal(17.852f, alert.History[0].MagPsf);
        Assert.Equal("t", alert.History[0].IsDiffPos);
        Assert.Equal(2458760.0012269, alert.History[0].Jd, 7);
        Assert.Contains(alert.History, p => !p.IsDetection);
    }
}
