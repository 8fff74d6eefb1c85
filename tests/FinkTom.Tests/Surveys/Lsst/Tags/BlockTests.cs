using FinkTom.Core.Surveys.Lsst.Tags;
using static FinkTom.Core.Surveys.Lsst.Tags.LsstBlockPredicates;
using static FinkTom.Tests.Surveys.Lsst.Tags.RubinAlerts;

namespace FinkTom.Tests.Surveys.Lsst.Tags;

/// <summary>Each of the 16 blocks at its thresholds, with nulls and NaN (fink-filters 7.40 <c>rubin/blocks.py</c>,
/// research note §4, §2.3–2.4).</summary>
public sealed class BlockTests
{
    [Fact]
    public void The_reference_alert_is_a_loose_extragalactic_candidate_only()
    {
        var alert = Good();
        var passing = ByName.Where(b => b.Value(alert)).Select(b => b.Key).Order();
        Assert.Equal(["b_extragalactic_loose_candidate", "b_good_quality", "b_is_rising", "b_outside_galactic_plane_20_deg",
            "b_outside_galactic_plane_5_deg", "b_xmatched_simbad_unknown"], passing);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(null, false)]
    public void Solar_system_is_pred_is_sso(bool? isSso, bool expected) =>
        Assert.Equal(expected, IsSolarSystem(Good().With("f:is_sso", isSso)));

    [Theory]
    [InlineData(90, true, true)]
    [InlineData(20.001, true, true)]
    [InlineData(19.999, false, true)]
    [InlineData(5.001, false, true)]
    [InlineData(4.999, false, false)]
    [InlineData(-4.999, false, false)]
    [InlineData(-20.001, true, true)]
    public void Galactic_plane_cuts_are_strict_on_absolute_latitude(double b, bool outside20, bool outside5)
    {
        // Along the meridian of the north galactic pole, b = 90 − (dec_NGP − dec).
        var alert = Good().With("r:dec", 27.12825118085622 - (90 - b));
        Assert.Equal(b, GalacticLatitude.Degrees(alert.Ra, alert.Dec), 1e-9);
        Assert.Equal(outside20, IsOutsideGalacticPlane20(alert));
        Assert.Equal(outside5, IsOutsideGalacticPlane5(alert));
    }

    [Fact]
    public void Galactic_plane_cuts_fail_without_a_position()
    {
        Assert.False(IsOutsideGalacticPlane20(Good().With("r:ra", double.NaN)));
        Assert.False(IsOutsideGalacticPlane5(Good().With("r:dec", null)));
    }

    [Theory]
    [InlineData("Galaxy", true, false)]
    [InlineData("Seyfert_1", true, false)]
    [InlineData("SN*_Candidate", true, false)]
    [InlineData("Unknown", true, true)] // in the EG host list and a bad value
    [InlineData("Fail", true, true)]
    [InlineData("Fail 504", true, true)]
    [InlineData(null, false, true)]
    [InlineData("", false, false)]
    [InlineData("galaxy ", false, false)]
    [InlineData("Star", false, false)]
    public void Simbad_blocks_match_labels_exactly(string? type, bool galaxy, bool unknown)
    {
        var alert = Good().With("f:xm_simbad_otype", type);
        Assert.Equal(galaxy, IsSimbadGalaxy(alert));
        Assert.Equal(unknown, IsSimbadUnknown(alert));
    }

    [Theory]
    [InlineData(1f, true)]
    [InlineData(1e-45f, true)]
    [InlineData(0f, false)]
    [InlineData(-1f, false)]
    [InlineData(float.NaN, false)]
    [InlineData(null, false)]
    public void Mangrove_needs_a_positive_distance(float? distance, bool expected) =>
        Assert.Equal(expected, IsMangroveGalaxy(Good().With("f:xm_mangrove_lum_dist", distance)));

    [Theory]
    [InlineData("Gaia DR3 1", 5f, 1f, false)] // > 5, strictly
    [InlineData("Gaia DR3 1", 5.000001f, 1f, true)]
    [InlineData("Gaia DR3 1", 1f, 0f, true)] // +inf
    [InlineData("Gaia DR3 1", 0f, 0f, false)] // NaN
    [InlineData("Gaia DR3 1", float.NaN, 1f, false)]
    [InlineData("Gaia DR3 1", null, 1f, false)]
    [InlineData("Unknown", 50f, 1f, false)]
    [InlineData("Fail", 50f, 1f, false)]
    [InlineData(null, 50f, 1f, false)]
    public void Gaia_star_needs_a_name_and_a_parallax_over_5_sigma(string? name, float? parallax, float? error, bool expected)
    {
        var alert = Good().With("f:xm_gaiadr3_DR3Name", name).With("f:xm_gaiadr3_Plx", parallax).With("f:xm_gaiadr3_e_Plx", error);
        Assert.Equal(expected, IsGaiaStar(alert));
    }

    [Theory]
    [InlineData("RRAB", true, true)]
    [InlineData("Transient", true, true)] // a VSX stellar label
    [InlineData("NSIN ELL", true, true)]
    [InlineData("SN Ia", false, true)]
    [InlineData("QSO", false, true)]
    [InlineData("rrab", false, false)]
    [InlineData("", false, false)]
    [InlineData(null, false, false)]
    public void Vsx_blocks_match_the_stellar_and_non_stellar_lists(string? type, bool star, bool any)
    {
        var alert = Good().With("f:xm_vsx_Type", type);
        Assert.Equal(star, IsVsxStar(alert));
        Assert.Equal(any, IsVsxSource(alert));
    }

    [Fact]
    public void Label_lists_have_Fink_sizes_and_VSX_lists_are_disjoint()
    {
        Assert.Equal(34, CrossMatchLabels.SimbadExtragalacticHosts.Count);
        Assert.Equal(169, CrossMatchLabels.VsxStellar.Count);
        Assert.Equal(37, CrossMatchLabels.VsxNonStellar.Count);
        Assert.Empty(CrossMatchLabels.VsxStellar.Intersect(CrossMatchLabels.VsxNonStellar));
    }

    [Theory]
    [InlineData(10_100f, 10_000f, 100f, false, false)] // |diff| = error: not significant
    [InlineData(10_100f, 10_000f, 99.99f, true, false)]
    [InlineData(9_900f, 10_000f, 99.99f, false, true)]
    [InlineData(9_900f, 10_000f, 100f, false, false)]
    [InlineData(10_100f, 10_000f, float.NaN, false, false)]
    [InlineData(10_100f, null, 1f, false, false)]
    [InlineData(float.NaN, 10_000f, 1f, false, false)]
    public void Rising_and_fading_compare_to_the_mean_flux_of_the_alert_band(float? flux, float? mean, float? error, bool rising, bool fading)
    {
        var alert = Good().With("r:psfFlux", flux).With("r:r_psfFluxMean", mean).With("r:r_psfFluxMeanErr", error);
        Assert.Equal(rising, IsRising(alert));
        Assert.Equal(fading, IsFading(alert));
    }

    [Theory]
    [InlineData("g")] // the object has no g mean
    [InlineData("x")]
    [InlineData(null)]
    public void Rising_needs_the_object_mean_in_the_alert_band(string? band) =>
        Assert.False(IsRising(Good().With("r:band", band)));

    [Fact]
    public void Rising_fails_for_a_solar_system_alert_without_object()
    {
        var alert = Good().With("r:r_psfFluxMean", null).With("r:r_psfFluxMeanErr", null).With("r:diaObjectId", null);
        Assert.False(IsRising(alert));
        Assert.False(IsFading(alert));
    }

    [Fact]
    public void New_means_first_detection_time_equals_the_alert_time_exactly()
    {
        Assert.False(IsNew(Good()));
        Assert.True(IsNew(Good().With("f:firstDiaSourceMjdTaiFink", Now)));
        Assert.False(IsNew(Good().With("f:firstDiaSourceMjdTaiFink", Math.BitIncrement(Now))));
        Assert.False(IsNew(Good().With("f:firstDiaSourceMjdTaiFink", null)));
        Assert.False(IsNew(Good().With("f:firstDiaSourceMjdTaiFink", double.NaN).With("r:midpointMjdTai", double.NaN)));
    }

    [Fact]
    public void Any_quality_flag_makes_an_alert_bad_and_a_null_flag_is_not_set()
    {
        foreach (var flag in QualityFlags)
        {
            Assert.False(IsGoodQuality(Good().With("r:" + flag, true)), flag);
            Assert.True(IsGoodQuality(Good().With("r:" + flag, null)), flag);
        }
    }

    [Fact]
    public void A_null_isDipole_hides_pixelFlags_as_pandas_does()
    {
        // isDipole | pixelFlags with a null left operand is false in Fink's pandas; later flags still count.
        Assert.True(IsGoodQuality(Good().With("r:isDipole", null).With("r:pixelFlags", true)));
        Assert.False(IsGoodQuality(Good().With("r:isDipole", null).With("r:pixelFlags_bad", true)));
        Assert.False(IsGoodQuality(Good().With("r:isDipole", false).With("r:pixelFlags", true)));
    }

    [Theory]
    [InlineData(600f, 100f, true)] // ratio exactly 6
    [InlineData(599.99f, 100f, false)]
    [InlineData(0f, 100f, false)] // ratio 0 < 6
    [InlineData(-0f, 0f, true)] // not < 0; 0/0 NaN
    [InlineData(-1f, 0.01f, false)]
    [InlineData(1f, 0f, true)] // +inf
    [InlineData(null, 100f, true)] // NaN passes both numeric tests, as in Fink
    [InlineData(600f, null, true)]
    [InlineData(float.NaN, float.NaN, true)]
    public void Quality_needs_a_non_negative_flux_at_6_sigma_in_float32(float? flux, float? error, bool expected) =>
        Assert.Equal(expected, IsGoodQuality(Good().With("r:psfFlux", flux).With("r:psfFluxErr", error)));

    [Fact]
    public void Extragalactic_candidates_need_a_host_for_near_galaxy_and_no_star_nor_asteroid()
    {
        Assert.True(IsExtragalacticLooseCandidate(Good()));
        Assert.False(IsExtragalacticNearGalaxyCandidate(Good())); // null SIMBAD type: unknown, not a galaxy

        foreach (var host in new[]
        {
            Good().With("f:xm_simbad_otype", "Galaxy"),
            Good().With("f:xm_simbad_otype", "Unknown"), // in the EG host list
            Good().With("f:xm_mangrove_lum_dist", 40f),
            Good().With("f:xm_legacydr8_zphot", 0.1f), // with an unknown SIMBAD type
        })
        {
            Assert.True(IsExtragalacticNearGalaxyCandidate(host));
            Assert.True(IsExtragalacticLooseCandidate(host));
        }
        // Legacy photo-z counts only with an unknown or galaxy SIMBAD type; a star type is no host for either flavour.
        Assert.False(IsExtragalacticLooseCandidate(Good().With("f:xm_legacydr8_zphot", 0.1f).With("f:xm_simbad_otype", "Star")));
        Assert.False(IsExtragalacticNearGalaxyCandidate(Good().With("f:xm_legacydr8_zphot", 0f)));

        foreach (var vetoed in new[]
        {
            Good().With("f:is_sso", true),
            Good().With("f:xm_gaiadr3_DR3Name", "Gaia DR3 7").With("f:xm_gaiadr3_Plx", 10f).With("f:xm_gaiadr3_e_Plx", 1f),
            Good().With("f:xm_vsx_Type", "EW"),
            Good().With("r:shape_flag", true),
            Good().With("r:dec", -30.0).With("r:ra", 266.4), // near the Galactic centre
        })
        {
            Assert.False(IsExtragalacticLooseCandidate(vetoed.With("f:xm_simbad_otype", "Galaxy")));
            Assert.False(IsExtragalacticNearGalaxyCandidate(vetoed));
        }
        Assert.True(IsExtragalacticLooseCandidate(Good().With("f:is_sso", null))); // null = not an asteroid
    }

    [Fact]
    public void Fast_rate_sampling_needs_a_fast_significant_rise_since_the_last_same_band_source()
    {
        // 10 000 nJy now, 5 000 a day ago: 5 000 nJy/day against a threshold of 0.2763 × 10 000.
        Assert.True(IsFastEvolving(Good().WithPrevious("r", 1, psfFlux: 5_000f, psfFluxErr: 100f)));
        Assert.False(IsFastEvolving(Good().WithPrevious("r", 2, psfFlux: 5_000f, psfFluxErr: 100f))); // 2 500 nJy/day
        Assert.False(IsFastEvolving(Good().WithPrevious("r", 1, psfFlux: 5_000f, psfFluxErr: 4_000f))); // not significant
        Assert.False(IsFastEvolving(Good())); // no history
        Assert.False(IsFastEvolving(Good().WithPrevious("g", 1, psfFlux: 5_000f))); // other band
        Assert.False(IsFastEvolving(Good().WithPrevious("r", 1, psfFlux: null)));
        Assert.False(IsFastEvolving(Good().WithPrevious("r", 1, psfFluxErr: float.NaN)));
        Assert.False(IsFastEvolving(Good().With("r:psfFlux", -10_000f).WithPrevious("r", 1, psfFlux: -50_000f))); // NaN threshold
        Assert.False(IsFastEvolving(Good().With("r:psfFluxErr", null).WithPrevious("r", 1, psfFlux: 5_000f)));
    }

    [Fact]
    public void Fast_rate_sampling_takes_the_last_same_band_entry_in_list_order_not_the_latest()
    {
        // The later (1 day before) entry comes first in the list; the last same-band one is 10 days before.
        var alert = Good().WithPrevious("r", 1, psfFlux: 5_000f, psfFluxErr: 100f).WithPrevious("r", 10, psfFlux: 5_000f, psfFluxErr: 100f);
        Assert.False(IsFastEvolving(alert));
        alert = Good().WithPrevious("r", 10, psfFlux: 5_000f, psfFluxErr: 100f).WithPrevious("r", 1, psfFlux: 5_000f, psfFluxErr: 100f)
            .WithPrevious("g", 0.5, psfFlux: 1f);
        Assert.True(IsFastEvolving(alert));
    }

    [Fact]
    public void Rate_sampling_is_seeded_by_the_alert_id()
    {
        var a = FluxRateSampling.Sample(10_000, 300, 9_000, 300, 1, seed: 7);
        Assert.Equal(a, FluxRateSampling.Sample(10_000, 300, 9_000, 300, 1, seed: 7));
        Assert.NotEqual(a, FluxRateSampling.Sample(10_000, 300, 9_000, 300, 1, seed: 8));
        // Large-N limit: mean 1 000 nJy/day, σ = √(300² + 300²) ≈ 424; the mean of 1 000 draws is within ~4 × 13.
        Assert.InRange(a.Mean, 1_000 - 55, 1_000 + 55);
        Assert.InRange(a.StdDev, 424 * 0.9, 424 * 1.1);
    }
}
