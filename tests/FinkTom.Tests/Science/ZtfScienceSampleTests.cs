using FinkTom.Core.Model;
using FinkTom.Core.Science;
using FinkTom.Ingest.Files;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Science;

/// <summary>
/// Fink's rule-based science (<see cref="ZtfScience"/>) on every bundled ZTF sample: raw ZTF alerts (samples/ztf) get
/// the values Fink's modules would add; Fink-enriched alerts (samples/fink) keep what Fink delivered, and the rules,
/// run on them again, agree with every delivered value.
/// </summary>
public sealed class ZtfScienceSampleTests
{
    private static readonly Lazy<List<Alert>> Raw = new(() => Read(Path.Combine(TestPaths.Samples, "ztf")));
    private static readonly Lazy<List<Alert>> Enriched = new(() => Read(Path.Combine(TestPaths.Samples, "fink")));

    private static List<Alert> Read(string folder)
    {
        var rejections = new List<IngestRejection>();
        var alerts = AlertFileFinder.Find([folder], rejections.Add).SelectMany(f => new AlertFileReader().Read(f.FullName, rejections.Add)).ToList();
        Assert.Empty(rejections);
        return alerts;
    }

    [Fact]
    public void Every_raw_sample_gets_Finks_asteroid_flag_and_history_count()
    {
        var raw = Raw.Value;

        Assert.Equal(196, raw.Count);
        Assert.All(raw, a => Assert.NotNull(a["d:roid"]));
        Assert.All(raw, a => Assert.Equal(1 + a.History.Count(p => p.IsDetection), a["d:nalerthist"]));
        var byFlag = raw.GroupBy(a => (int)a["d:roid"]!).ToDictionary(g => g.Key, g => g.Count());
        // What Fink's rule gives these packets: 10 known asteroids (below), 44 candidates, 12 first detections.
        Assert.Equal(new Dictionary<int, int> { [0] = 130, [1] = 12, [2] = 44, [3] = 10 }, byFlag);
    }

    [Fact]
    public void The_raw_samples_near_a_known_asteroid_are_Solar_System_MPC()
    {
        var nearAsteroid = Raw.Value.Where(a => a.GetDouble(ColumnCatalog.Get("i:ssdistnr")) is >= 0 and < 5).ToList();

        Assert.Equal(10, nearAsteroid.Count);
        Assert.All(nearAsteroid, a =>
        {
            Assert.Equal(3, a["d:roid"]);
            Assert.NotEqual("null", a["i:ssnamenr"]);
            Assert.Equal("Solar System MPC", a["d:classification"]);
        });
        Assert.All(Raw.Value.Except(nearAsteroid), a => Assert.NotEqual(3, a["d:roid"]));
    }

    [Fact]
    public void The_rules_agree_with_every_value_Fink_delivered()
    {
        var enriched = Enriched.Value;

        Assert.Equal(156, enriched.Count);
        Assert.All(enriched, a => Assert.Equal(a["d:roid"], AsteroidCatcher.Flag(a)));
        Assert.All(enriched.Where(a => a.History.Count > 0), a => Assert.Equal(a["d:nalerthist"], AlertHistoryValues.NAlertHist(a)));
        Assert.Contains(enriched, a => (int?)a["d:roid"] > 0);
    }

    [Fact]
    public void The_rate_modules_deterministic_values_agree_with_Fink_and_are_set_on_raw_alerts()
    {
        var delivered = Enriched.Value.Where(a => a["d:jd_first_real_det"] is double jd && jd > 0 && a.History.Count > 0).ToList();

        Assert.NotEmpty(delivered);
        Assert.All(delivered, a =>
        {
            Assert.Equal((double)a["d:jd_first_real_det"]!, AlertHistoryValues.FirstDetectionJd(a)!.Value, 6);
            var (delta, fromUpper) = AlertHistoryValues.PreviousInBand(a);
            if (a["d:delta_time"] is double fink && double.IsFinite(fink))
                Assert.Equal(fink, delta!.Value, 6);
            Assert.Equal(a["d:from_upper"], fromUpper);
        });
        Assert.All(Raw.Value, a =>
        {
            Assert.Equal(AlertHistoryValues.FirstDetectionJd(a), a["d:jd_first_real_det"]);
            Assert.Equal((double)a["d:jd_first_real_det"]! - (double)a["i:jdstarthist"]!, (double)a["d:jdstarthist_dt"]!, 9);
            Assert.NotNull(a["d:from_upper"]);
            Assert.Null(a["d:mag_rate"]); // a random sampling in Fink: not reproduced
        });
    }
}
