using FinkTom.Core.Model;
using FinkTom.Core.Science;

namespace FinkTom.Tests.Science;

/// <summary>Each clause of Fink's <c>roid_catcher</c> rule, and what <see cref="ZtfScience"/> leaves alone.</summary>
public sealed class AsteroidCatcherTests
{
    private static Alert Alert(int ndethist = 1, float? sgscore1 = 0.1f, float? distpsnr1 = 20f, float? ssdistnr = -999f, params (double Jd, float? Mag)[] history)
    {
        var alert = new Alert();
        alert["i:candid"] = 1L;
        alert["i:objectId"] = "ZTF24aaaaaaa";
        alert["i:jd"] = 2460000.5;
        alert["i:magpsf"] = 19f;
        alert["i:ndethist"] = ndethist;
        alert["i:sgscore1"] = sgscore1;
        alert["i:distpsnr1"] = distpsnr1;
        alert["i:ssdistnr"] = ssdistnr;
        foreach (var (jd, mag) in history)
            alert.History.Add(new HistoryPoint { ObjectId = "ZTF24aaaaaaa", Jd = jd, Fid = 1, MagPsf = mag, DiffMagLim = 20f });
        return alert;
    }

    [Fact]
    public void First_detections_and_star_free_short_lived_sources_are_flagged()
    {
        Assert.Equal(1, AsteroidCatcher.Flag(Alert(ndethist: 1, sgscore1: 0.9f)));   // a star nearby: only "first seen"
        Assert.Equal(2, AsteroidCatcher.Flag(Alert(ndethist: 1)));
        Assert.Equal(0, AsteroidCatcher.Flag(Alert(ndethist: 3)));
        Assert.Equal(1, AsteroidCatcher.Flag(Alert(ndethist: 1, sgscore1: null))); // NaN fails the star test
    }

    [Fact]
    public void A_ps1_source_within_5_arcsec_or_a_long_trend_clears_the_flag()
    {
        Assert.Equal(0, AsteroidCatcher.Flag(Alert(distpsnr1: 3f)));
        Assert.Equal(2, AsteroidCatcher.Flag(Alert(distpsnr1: -999f)));
        // Two detections 40 minutes apart: a trend; 20 minutes apart: one passage.
        Assert.Equal(0, AsteroidCatcher.Flag(Alert(ndethist: 2, history: (2460000.5 - 40.0 / 1440, 19.1f))));
        Assert.Equal(2, AsteroidCatcher.Flag(Alert(ndethist: 2, history: (2460000.5 - 20.0 / 1440, 19.1f))));
        // Detected twice before, but only once in this packet: seen outside this observation.
        Assert.Equal(0, AsteroidCatcher.Flag(Alert(ndethist: 2, history: (2460000.4, null))));
    }

    [Fact]
    public void A_known_asteroid_within_5_arcsec_closer_than_ps1_and_seen_few_times_is_MPC()
    {
        Assert.Equal(3, AsteroidCatcher.Flag(Alert(ndethist: 4, ssdistnr: 1.2f, distpsnr1: 3f)));
        Assert.Equal(0, AsteroidCatcher.Flag(Alert(ndethist: 4, ssdistnr: 1.2f, distpsnr1: 1f)));  // PS1 source closer
        Assert.Equal(0, AsteroidCatcher.Flag(Alert(ndethist: 6, ssdistnr: 1.2f)));                 // seen too often
        Assert.Equal(2, AsteroidCatcher.Flag(Alert(ndethist: 1, ssdistnr: 5f)));                   // 5″ is too far
    }

    [Fact]
    public void Delivered_values_are_kept_and_missing_ones_computed()
    {
        var enriched = Alert(ndethist: 1, ssdistnr: 1f);
        enriched["d:roid"] = 0;
        enriched["d:nalerthist"] = 7;
        var raw = Alert(ndethist: 1, ssdistnr: 1f, history: [(2460000.4, 19.5f), (2460000.45, null)]);

        ZtfScience.Complete(enriched);
        ZtfScience.Complete(raw);

        Assert.Equal((0, 7), ((int)enriched["d:roid"]!, (int)enriched["d:nalerthist"]!));
        Assert.Equal((3, 2), ((int)raw["d:roid"]!, (int)raw["d:nalerthist"]!));
    }
}
