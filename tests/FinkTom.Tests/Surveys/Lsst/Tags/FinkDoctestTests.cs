using FinkTom.Core.Model;
using FinkTom.Core.Surveys.Lsst;
using FinkTom.Core.Surveys.Lsst.Tags;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Surveys.Lsst.Tags;

/// <summary>
/// Fink's own expectations (the doctests of fink-filters 7.40, contract §3.4, research note §8) on its shared Rubin
/// test files: every block and tag keeps the alerts Fink's Spark run keeps.
/// </summary>
public sealed class FinkDoctestTests
{
    private static Task<List<Alert>> RubinAlerts() => FinkFiltersParquet.ReadCachedAsync(FinkFiltersParquet.RubinTestData!);

    private static Task<List<Alert>> FaintTrailAlerts() => FinkFiltersParquet.ReadCachedAsync(FinkFiltersParquet.FaintTrailsData!);

    [SharedDataFact]
    public async Task Shared_rubin_test_data_gives_Fink_doctest_counts_for_every_block()
    {
        var alerts = await RubinAlerts();
        Assert.Equal(27, alerts.Count);

        var expected = new SortedDictionary<string, int>(StringComparer.Ordinal)
        {
            ["b_extragalactic_loose_candidate"] = 4,
            ["b_extragalactic_near_galaxy_candidate"] = 0,
            ["b_good_quality"] = 7,
            ["b_is_fading"] = 0,
            ["b_is_new"] = 26,
            ["b_is_rising"] = 1,
            ["b_is_solar_system"] = 3,
            ["b_mag_rate_mc_sampling"] = 0,
            ["b_outside_galactic_plane_20_deg"] = 27,
            ["b_outside_galactic_plane_5_deg"] = 27,
            ["b_xmatched_gaia_star"] = 0,
            ["b_xmatched_mangrove"] = 0,
            ["b_xmatched_simbad_galaxy"] = 0,
            ["b_xmatched_simbad_unknown"] = 27,
            ["b_xmatched_vsx"] = 0,
            ["b_xmatched_vsx_star"] = 0,
        };
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, predicate) in LsstBlockPredicates.ByName)
            counts[name] = alerts.Count(predicate);
        Assert.Equal(expected, counts);
        Assert.Equal(LsstBlocks.All.Select(b => b.Name), LsstBlockPredicates.ByName.Keys);
    }

    [SharedDataFact]
    public async Task Shared_rubin_test_data_blocks_keep_the_alerts_Fink_keeps()
    {
        var alerts = await RubinAlerts();
        long[] Kept(Func<Alert, bool> block) => [.. alerts.Where(block).Select(a => a.Id).Order()];

        Assert.Equal([169813007065940020, 169813007065940057, 169813007083241522], Kept(LsstBlockPredicates.IsSolarSystem));
        Assert.Equal([169813006111211588], Kept(LsstBlockPredicates.IsRising));
        Assert.Equal([169813006111211588], alerts.Where(a => !LsstBlockPredicates.IsNew(a)).Select(a => a.Id));
        Assert.Equal(
            [169813006129561660, 169813007065940020, 169813007065940057, 169813007065940083, 169813007074328635, 169813007083241522, 169813007083241532],
            Kept(LsstBlockPredicates.IsGoodQuality));
        Assert.Equal([169813006129561660, 169813007065940083, 169813007074328635, 169813007083241532],
            Kept(LsstBlockPredicates.IsExtragalacticLooseCandidate));
    }

    [SharedDataFact]
    public async Task Shared_rubin_test_data_tags_are_set_at_decoding_as_Fink_doctests_expect()
    {
        var alerts = await RubinAlerts();

        // Every tag keeps 0 of the 27 alerts except uniform_sample (diaSourceId % 113 == 0: one alert); in_tns has no
        // tns_fullname in this older file (Fink's doctest adds a null column).
        foreach (var tag in LsstTags.All)
        {
            Assert.All(alerts, a => Assert.IsType<bool>(a[tag.Column]));
            var kept = alerts.Where(a => a[tag.Column] is true).Select(a => a.Id).ToList();
            Assert.Equal(tag.Name == "uniform_sample" ? [169813006111211559] : [], kept);
        }
    }

    [SharedDataFact]
    public async Task Shared_faint_trails_data_keeps_exactly_the_two_trails_of_Fink_doctest()
    {
        var alerts = await FaintTrailAlerts();

        Assert.Equal(10, alerts.Count);
        Assert.Equal([170591526414450946, 170591533447250193], alerts.Where(a => a["t:faint_trails"] is true).Select(a => a.Id).Order());
        Assert.Equal([170591526414450946, 170591533447250193], alerts.Where(FaintTrailsTag.FaintTrails).Select(a => a.Id).Order());
        // The doctest's reasons: …107 too bright, …636 trail too short, …617 cosmic ray, …724 bad quality (cheap cuts);
        // …879 not elongated (its cutout).
        var cheap = alerts.Where(FaintTrailsTag.PassesCheapCuts).Select(a => a.Id).Order();
        Assert.Equal([170591526414450946, 170591533447250193, 170600291299229879], cheap);
    }

    [SharedDataFact]
    public async Task Shared_faint_trails_cutout_elongations_match_Fink_algorithm()
    {
        var alerts = await FaintTrailAlerts();
        // Research note §8.2, computed with Fink's numpy code on the same cutouts.
        var expected = new Dictionary<long, double>
        {
            [170595940828184636] = 3.9091,
            [170595943577026619] = 3.2809,
            [170595945463939107] = 1.0612,
            [170595940225777725] = double.NaN,
            [170591547471429724] = 1.6818,
            [170587117053804617] = 4.2107,
            [170591533447250193] = 2.6112,
            [170600291299229879] = 1.4186,
            [170591526414450946] = 2.2036,
            [170595935668142095] = double.NaN,
        };
        foreach (var alert in alerts)
        {
            var elongation = FaintTrailsTag.Elongation(alert);
            if (double.IsNaN(expected[alert.Id]))
                Assert.True(double.IsNaN(elongation), $"{alert.Id}: {elongation}");
            else
                Assert.Equal(expected[alert.Id], elongation, 4);
        }
    }

    [SharedDataFact]
    public async Task Shared_rubin_test_data_per_alert_values_match_Fink_magnitude_latitude_and_airmass()
    {
        var alerts = (await RubinAlerts()).ToDictionary(a => a.Id);
        // Research note §8.3: mag (flux_to_apparent_mag), galactic b (astropy), airmass (astropy 5.2.1, Gemini South).
        (long Id, double Mag, double B, double Airmass)[] reference =
        [
            (169813006802223148, 23.450, -45.9912, 1.3068), (169813006111211559, 23.490, -49.4642, 1.3651),
            (169813007083241532, 23.156, 40.8533, 1.4750), (169813007334899715, 22.861, -53.5350, 1.5833),
            (169813007083241493, 25.434, 40.8607, 1.4755), (169813007894839357, 23.088, -54.0067, 1.6366),
            (169813006129561698, 23.504, -48.2916, 1.3406), (169813006270595324, 23.497, -46.8531, 1.3004),
            (169813007065940116, double.NaN, 41.0233, 1.4810), (169813007083241480, 23.312, 41.0365, 1.4801),
            (169813006270595637, double.NaN, -46.8949, 1.3018), (169813006111211555, 23.498, -49.5302, 1.3661),
            (169813006129561660, 23.326, -48.3541, 1.3419), (169813006665908344, 23.137, -49.4296, 1.3876),
            (169813006783873912, 23.300, -47.1041, 1.3285), (169813006665908279, 23.560, -49.4495, 1.3890),
            (169813007065940083, 23.137, 41.1610, 1.4847), (169813007083241522, 18.936, 41.0276, 1.4796),
            (169813006129561655, 23.229, -48.2555, 1.3405), (169813006111211588, 23.297, -49.4840, 1.3650),
            (169813007065939970, 23.337, 41.2743, 1.4885), (169813006111211648, 23.443, -49.4220, 1.3633),
            (169813005919846484, 23.268, -55.6835, 1.5285), (169813006816903181, 23.304, -45.3966, 1.2938),
            (169813007065940057, 20.442, 41.2282, 1.4866), (169813007065940020, 21.494, 41.1122, 1.4839),
            (169813007074328635, 23.010, 42.7765, 1.5300),
        ];
        Assert.Equal(27, reference.Length);
        foreach (var (id, mag, b, airmass) in reference)
        {
            var alert = alerts[id];
            var flux = (float)alert["r:psfFlux"]!;
            Assert.Equal(mag, Math.Round(Photometry.ApparentMagnitude(flux), 3));
            Assert.Equal(b, GalacticLatitude.Degrees(alert.Ra, alert.Dec), 1e-4); // the note rounds to 4 decimals
            // Rounded to 4 decimals from astropy (whose own IERS tables were not up to date): FinkTom is within 6e-5.
            Assert.True(Math.Abs(airmass - Airmass.At(alert.Ra, alert.Dec, alert.Time)) < 1e-4,
                $"{id}: astropy {airmass}, FinkTom {Airmass.At(alert.Ra, alert.Dec, alert.Time)}");
        }
    }

    [SharedDataFact]
    public async Task Shared_rubin_test_data_only_alert_with_history_is_far_below_the_fast_rate_cut()
    {
        var alert = (await RubinAlerts()).Single(a => a.Id == 169813006111211588);
        var previous = alert.Measurements.Where(m => m.Kind.Name == "prvDiaSources").ToList();

        // Note §8.3: 2 band-i entries; the last in list order is at 61026.220270894584 (1196.4359 ± 185.0616 nJy).
        Assert.Equal([61026.21943972506, 61026.220270894584], previous.Select(m => m.Time));
        var (mean, std) = FluxRateSampling.Sample((float)alert["r:psfFlux"]!, (float)alert["r:psfFluxErr"]!,
            (float)previous[1]["r:psfFlux"]!, (float)previous[1]["r:psfFluxErr"]!, alert.Time - previous[1].Time, alert.Id);
        Assert.InRange(mean, 36.37 - 3, 36.37 + 3); // analytic 36.37 nJy/day, σ/√1000 ≈ 0.7
        Assert.InRange(std, 21, 23.5);
        Assert.False(LsstBlockPredicates.IsFastEvolving(alert)); // threshold ≈ 481 nJy/day
    }
}
