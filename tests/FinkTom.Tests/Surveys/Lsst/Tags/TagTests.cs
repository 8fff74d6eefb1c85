using FinkTom.Core.Model;
using FinkTom.Core.Surveys.Lsst;
using FinkTom.Core.Surveys.Lsst.Tags;
using static FinkTom.Tests.Surveys.Lsst.Tags.RubinAlerts;

namespace FinkTom.Tests.Surveys.Lsst.Tags;

/// <summary>Each of the 12 tags on alerts built to pass it, then with one cut broken at a time (fink-filters 7.40
/// <c>rubin/livestream/filter_*/filter.py</c>, research note §5).</summary>
public sealed class TagTests
{
    [Fact]
    public void Apply_sets_every_tag_column_and_only_tag_columns_change()
    {
        var alert = Good();
        var before = (object?[])alert.Values.Clone();
        LsstTagEvaluator.Apply(alert);

        Assert.Equal(LsstTags.All.Select(t => t.Name), LsstTagEvaluator.Predicates.Keys);
        Assert.All(LsstTags.All, t => Assert.False(Assert.IsType<bool>(alert[t.Column])));
        var changed = alert.Survey.Catalog.Stored.Where(c => !Equals(before[c.Ordinal], alert.Values[c.Ordinal])).Select(c => c.Name);
        Assert.Equal(LsstTags.All.Select(t => t.Column), changed);
        Assert.Throws<ArgumentException>(() => LsstTagEvaluator.Apply(new Alert()));
    }

    [Fact]
    public void Lt20mag_candidate_is_a_bright_rising_old_enough_loose_candidate()
    {
        Assert.True(ExtragalacticTags.Lt20MagCandidate(BrightRising()));
        Assert.False(ExtragalacticTags.Lt20MagCandidate(BrightRising().With("r:psfFlux", FluxOf(20.01)).With("r:r_psfFluxMean", 1f)));
        Assert.True(ExtragalacticTags.Lt20MagCandidate(BrightRising().With("r:psfFlux", FluxOf(19.99)).With("r:r_psfFluxMean", 1f)));
        Assert.False(ExtragalacticTags.Lt20MagCandidate(BrightRising().With("r:nDiaSources", 4)));
        Assert.False(ExtragalacticTags.Lt20MagCandidate(BrightRising().With("r:nDiaSources", null)));
        Assert.False(ExtragalacticTags.Lt20MagCandidate(BrightRising().With("f:firstDiaSourceMjdTaiFink", Now - 1))); // age > 1, strictly
        Assert.False(ExtragalacticTags.Lt20MagCandidate(BrightRising().With("r:r_psfFluxMean", 100_000f))); // not rising
        Assert.False(ExtragalacticTags.Lt20MagCandidate(BrightRising().With("f:is_sso", true)));
    }

    [Fact]
    public void Svom_is_a_young_near_galaxy_candidate_brighter_than_24()
    {
        Assert.True(ExtragalacticTags.Svom(NearGalaxy()));
        Assert.False(ExtragalacticTags.Svom(Good())); // loose only
        Assert.False(ExtragalacticTags.Svom(NearGalaxy().With("f:firstDiaSourceMjdTaiFink", Now - 5)));
        Assert.True(ExtragalacticTags.Svom(NearGalaxy().With("f:firstDiaSourceMjdTaiFink", Now - 4.999)));
        Assert.False(ExtragalacticTags.Svom(NearGalaxy().With("f:firstDiaSourceMjdTaiFink", null)));
        Assert.False(ExtragalacticTags.Svom(NearGalaxy().With("r:psfFlux", FluxOf(24.01)).With("r:psfFluxErr", 1f)));
        Assert.True(ExtragalacticTags.Svom(NearGalaxy().With("r:psfFlux", FluxOf(23.99)).With("r:psfFluxErr", 1f)));
    }

    [Theory]
    [InlineData("r", 21.0, 2.0, true)] // fading 0.4 mag/day in r
    [InlineData("i", 21.0, 2.0, true)]
    [InlineData("g", 21.0, 2.0, false)] // g and u need 0.5
    [InlineData("g", 20.8, 2.0, true)]
    [InlineData("z", 20.8, 2.0, false)] // z and y only pass when rising
    [InlineData("z", 21.8, 2.0, true)] // rising 0.4 mag/day while younger than 3 days
    [InlineData("r", 21.8, 3.5, false)]
    [InlineData("r", 21.3, 2.0, false)] // 0.1 mag/day either way
    public void New_candidate_needs_a_fast_magnitude_rate_in_its_band(string band, double previousMag, double age, bool expected)
    {
        var alert = NearGalaxy().With("r:band", band).With("f:firstDiaSourceMjdTaiFink", Now - age)
            .With($"r:{band}_psfFluxNdata", 2).WithPrevious(band, 1, psfFlux: FluxOf(previousMag));
        Assert.Equal(expected, ExtragalacticTags.NewCandidate(alert));
    }

    [Fact]
    public void New_candidate_uses_the_latest_same_band_source_and_needs_two_points_in_the_band()
    {
        Alert Base() => NearGalaxy().With("r:r_psfFluxNdata", 2);
        // Current mag 21.4; a day before 21.0 (fading 0.4/day) listed after one 10 days before at 21.4 (flat).
        Assert.True(ExtragalacticTags.NewCandidate(Base().WithPrevious("r", 1, FluxOf(21.0)).WithPrevious("r", 10, FluxOf(21.4))));
        Assert.False(ExtragalacticTags.NewCandidate(Base().WithPrevious("r", 10, FluxOf(21.0)).WithPrevious("g", 1, FluxOf(19))));
        Assert.False(ExtragalacticTags.NewCandidate(Base()));
        Assert.False(ExtragalacticTags.NewCandidate(Base().With("r:r_psfFluxNdata", 1).WithPrevious("r", 1, FluxOf(21.0))));
        Assert.False(ExtragalacticTags.NewCandidate(Base().With("r:r_psfFluxNdata", null).WithPrevious("r", 1, FluxOf(21.0))));
        Assert.False(ExtragalacticTags.NewCandidate(Base().WithPrevious("r", 1, psfFlux: -5f))); // NaN magnitude
        Assert.False(ExtragalacticTags.NewCandidate(Good().With("r:r_psfFluxNdata", 2).WithPrevious("r", 1, FluxOf(21.0))));
    }

    [Fact]
    public void Fast_transient_gvom_is_a_young_bright_loose_candidate_with_a_fast_flux_rate()
    {
        Assert.True(ExtragalacticTags.FastTransientGvom(FastRiser()));
        Assert.False(ExtragalacticTags.FastTransientGvom(BrightRising())); // no history
        Assert.False(ExtragalacticTags.FastTransientGvom(FastRiser().With("f:firstDiaSourceMjdTaiFink", Now - 5)));
        Assert.False(ExtragalacticTags.FastTransientGvom(FastRiser().With("r:psfFlux", FluxOf(21.01)).With("r:psfFluxErr", 1f)));
        Assert.False(ExtragalacticTags.FastTransientGvom(FastRiser().With("f:xm_vsx_Type", "RRAB")));
        // Fink passes e_Plx as the parallax: a Gaia star does not veto this tag (it does veto the block).
        var gaiaStar = FastRiser().With("f:xm_gaiadr3_DR3Name", "Gaia DR3 9").With("f:xm_gaiadr3_Plx", 30f).With("f:xm_gaiadr3_e_Plx", 1f);
        Assert.False(LsstBlockPredicates.IsExtragalacticLooseCandidate(gaiaStar));
        Assert.True(ExtragalacticTags.FastTransientGvom(gaiaStar));
    }

    [Fact]
    public void Sn_near_galaxy_candidate_needs_a_supernova_like_peak_absolute_magnitude()
    {
        // Brightest psfFluxMax over the bands: 20 000 (r) → m = 20.647; at z = 0.05 (μ = 36.7346), M = −16.09.
        var alert = NearGalaxy().With("f:xm_legacydr8_zphot", 0.05f);
        Assert.True(ExtragalacticTags.SnNearGalaxyCandidate(alert));
        Assert.False(ExtragalacticTags.SnNearGalaxyCandidate(NearGalaxy())); // no redshift
        Assert.False(ExtragalacticTags.SnNearGalaxyCandidate(NearGalaxy().With("f:xm_legacydr8_zphot", 0f)));
        Assert.False(ExtragalacticTags.SnNearGalaxyCandidate(alert.With("r:nDiaSources", 5)));
        var faint = alert.With("r:r_psfFluxMax", FluxOf(23.8)); // M = −12.93
        Assert.False(ExtragalacticTags.SnNearGalaxyCandidate(faint));
        Assert.True(ExtragalacticTags.SnNearGalaxyCandidate(faint.With("r:u_psfFluxMax", FluxOf(23.7)))); // M = −13.03
        Assert.False(ExtragalacticTags.SnNearGalaxyCandidate(faint.With("r:g_psfFluxMax", FluxOf(13.7)))); // M = −23.03
        Assert.False(ExtragalacticTags.SnNearGalaxyCandidate(alert.With("r:r_psfFluxMax", null))); // no band at all
        Assert.True(ExtragalacticTags.SnNearGalaxyCandidate(alert.With("r:r_psfFluxMax", float.NaN).With("r:y_psfFluxMax", 20_000f)));
    }

    [Theory]
    [InlineData(-99f, true)] // Fink's "not computed" value passes
    [InlineData(0.9499f, true)]
    [InlineData(0.95f, false)] // float32: 0.95f < 0.95f is false (in double it would pass)
    [InlineData(float.NaN, false)]
    [InlineData(null, false)]
    public void Hostless_candidate_compares_the_ELEPHANT_statistic_in_float32(float? statistic, bool expected) =>
        Assert.Equal(expected, TransientTags.HostlessCandidate(Good().With("f:clf_elephant_kstest_template", statistic)));

    [Fact]
    public void Hostless_candidate_needs_quality_latitude_and_mag_up_to_21_5()
    {
        var alert = Good().With("f:clf_elephant_kstest_template", 0.5f);
        Assert.True(TransientTags.HostlessCandidate(alert.With("r:psfFlux", FluxOf(21.49))));
        Assert.False(TransientTags.HostlessCandidate(alert.With("r:psfFlux", FluxOf(21.51))));
        Assert.False(TransientTags.HostlessCandidate(Good().With("f:clf_elephant_kstest_template", 0.5f).With("r:pixelFlags", true)));
        Assert.False(TransientTags.HostlessCandidate(Good().With("f:clf_elephant_kstest_template", 0.5f).With("r:ra", 266.4).With("r:dec", -29.0)));
    }

    [Theory]
    [InlineData("SN 2026abc", true)]
    [InlineData("", true)]
    [InlineData(null, false)]
    public void In_tns_needs_a_TNS_name(string? name, bool expected) =>
        Assert.Equal(expected, TransientTags.InTns(Good().With("f:xm_tns_fullname", name)));

    [Fact]
    public void Most_likely_sn_keeps_Fink_inverted_quality_term_and_float32_scores()
    {
        Assert.True(TransientTags.MostLikelySn(SnLike())); // 0.7f ≥ 0.7 and 0.9f ≥ 0.9 in float32
        Assert.False(TransientTags.MostLikelySn(SnLike().With("r:shape_flag", false))); // good quality: excluded, as shipped
        Assert.True(TransientTags.MostLikelySn(SnLike().With("r:shape_flag", false).With("r:isNegative", true)));
        Assert.False(TransientTags.MostLikelySn(SnLike().With("r:shape_flag", false).With("r:isNegative", null))); // null: not set
        Assert.False(TransientTags.MostLikelySn(SnLike().With("f:clf_snnSnVsOthers_score", 0.6999f)));
        Assert.False(TransientTags.MostLikelySn(SnLike().With("f:clf_cats_class", 12)));
        Assert.False(TransientTags.MostLikelySn(SnLike().With("f:clf_cats_score", 0.8999f)));
        Assert.False(TransientTags.MostLikelySn(SnLike().With("f:clf_cats_class", null)));
        Assert.False(TransientTags.MostLikelySn(SnLike().With("f:is_sso", true)));
        Assert.False(TransientTags.MostLikelySn(SnLike().With("r:snr", 10f)));
        Assert.False(TransientTags.MostLikelySn(SnLike().With("r:nDiaSources", 1)));
    }

    [Fact]
    public void Remove_unlikely_transients_is_the_same_cut_without_classifiers()
    {
        var alert = Good().With("r:centroid_flag", true);
        Assert.True(TransientTags.RemoveUnlikelyTransients(alert));
        Assert.True(TransientTags.RemoveUnlikelyTransients(alert.With("f:is_sso", null))); // null: not an asteroid
        Assert.False(TransientTags.RemoveUnlikelyTransients(Good()));
        Assert.False(TransientTags.RemoveUnlikelyTransients(alert.With("r:snr", float.NaN)));
        Assert.False(TransientTags.RemoveUnlikelyTransients(alert.With("r:nDiaSources", null)));
        Assert.True(TransientTags.RemoveUnlikelyTransients(alert.With("r:nDiaSources", 2)));
    }

    [Theory]
    [InlineData(113L * 1_502_765_550_000, true)]
    [InlineData(-113L, true)]
    [InlineData(0L, true)]
    [InlineData(114L, false)]
    [InlineData(null, false)]
    public void Uniform_sample_keeps_ids_divisible_by_113(long? id, bool expected) =>
        Assert.Equal(expected, TransientTags.UniformSample(Good().With("r:diaSourceId", id)));

    [Fact]
    public void Faint_trails_needs_the_cheap_cuts_and_an_elongated_cutout()
    {
        var streak = Source(40, sigmaX: 6, sigmaY: 1.5);
        var round = Source(40, sigmaX: 2, sigmaY: 2);
        Assert.True(FaintTrailsTag.FaintTrails(Trail(streak)));
        Assert.False(FaintTrailsTag.FaintTrails(Trail(round)));
        Assert.False(FaintTrailsTag.FaintTrails(Trail(null)));
        Assert.False(FaintTrailsTag.FaintTrails(Trail(streak).WithCutout([1, 2, 3])));
        Assert.False(FaintTrailsTag.FaintTrails(Trail(streak).With("r:trailLength", 2f))); // > 2, strictly
        Assert.False(FaintTrailsTag.FaintTrails(Trail(streak).With("r:trailFlux", 0f)));
        Assert.False(FaintTrailsTag.FaintTrails(Trail(streak).With("r:pixelFlags_cr", true)));
        Assert.True(FaintTrailsTag.FaintTrails(Trail(streak).With("r:pixelFlags_cr", null))); // null: no cosmic ray
        Assert.False(FaintTrailsTag.FaintTrails(Trail(streak).With("r:psfFlux", FluxOf(21.01))));
        Assert.False(FaintTrailsTag.FaintTrails(Trail(streak).With("r:psfFlux", FluxOf(17.99)).With("r:psfFluxErr", 1f)));
        Assert.False(FaintTrailsTag.FaintTrails(Trail(streak).With("r:isDipole", true)));
    }

    [Fact]
    public void Mdwarf_flare_is_a_blue_flare_of_a_known_star_at_high_airmass()
    {
        Assert.True(MdwarfFlareTag.MdwarfFlare(Flare()));
        Assert.True(MdwarfFlareTag.MdwarfFlare(Flare().With("r:band", "u")));
        Assert.False(MdwarfFlareTag.MdwarfFlare(Flare().With("r:band", "r")));
        Assert.False(MdwarfFlareTag.MdwarfFlare(Flare().With("r:psfFlux", 99.99f))); // excursion < 0.10
        Assert.True(MdwarfFlareTag.MdwarfFlare(Flare().With("r:psfFlux", 100f))); // 100f/1000f ≥ 0.1f
        Assert.False(MdwarfFlareTag.MdwarfFlare(Flare().With("r:templateFlux", 0f)));
        Assert.False(MdwarfFlareTag.MdwarfFlare(Flare().With("r:templateFlux", null)));
        Assert.False(MdwarfFlareTag.MdwarfFlare(Flare().With("r:pixelFlags_edge", true)));
        var nearZenith = Enumerable.Range(0, 3600).Select(i => i / 10.0).First(ra => Airmass.At(ra, -30.24, Now) is > 1 and < 1.1);
        Assert.False(MdwarfFlareTag.MdwarfFlare(Flare().With("r:dec", -30.24).With("r:ra", nearZenith)));
        // New objects must be Gaia stars.
        var isNew = Flare().With("f:firstDiaSourceMjdTaiFink", Now);
        Assert.False(MdwarfFlareTag.MdwarfFlare(isNew));
        Assert.True(MdwarfFlareTag.MdwarfFlare(isNew.With("f:xm_gaiadr3_DR3Name", "Gaia DR3 5").With("f:xm_gaiadr3_Plx", 20f)
            .With("f:xm_gaiadr3_e_Plx", 1f)));
    }

    [Theory]
    [InlineData(3.999, true)]
    [InlineData(4.001, false)] // 4 to 48 hours before (inclusive: exact values do not survive MJD arithmetic)
    [InlineData(47.999, false)]
    [InlineData(48.001, true)]
    public void Mdwarf_flare_needs_no_earlier_source_4_to_48_hours_before(double hours, bool expected) =>
        Assert.Equal(expected, MdwarfFlareTag.MdwarfFlare(Flare().WithPrevious("r", hours / 24)));

    [Fact]
    public void Mdwarf_flare_checks_quiescent_colours_only_when_r_i_z_are_all_known()
    {
        // Median template magnitudes r 20.0, i 19.4, z 19.0: r − i = 0.6 > 0.53 and i − z = 0.4 > 0.3.
        Alert Colours(double r, double i, double? z) => Flare()
            .WithPrevious("r", 10, templateFlux: FluxOf(r - 0.1)).WithPrevious("r", 11, templateFlux: FluxOf(r + 0.1))
            .WithPrevious("r", 12, templateFlux: FluxOf(r)).WithPrevious("i", 10, templateFlux: FluxOf(i))
            .WithPrevious("z", 10, templateFlux: z is { } mag ? FluxOf(mag) : null);
        Assert.True(MdwarfFlareTag.MdwarfFlare(Colours(20.0, 19.4, 19.0)));
        Assert.False(MdwarfFlareTag.MdwarfFlare(Colours(20.0, 19.5, 19.0))); // r − i = 0.5
        Assert.False(MdwarfFlareTag.MdwarfFlare(Colours(20.0, 19.4, 19.2))); // i − z = 0.2
        Assert.True(MdwarfFlareTag.MdwarfFlare(Colours(20.0, 19.9, null))); // z unknown: no colour cut
        // A known band whose median template flux is not positive fails the cut (Fink's [nan] counts as known).
        Assert.False(MdwarfFlareTag.MdwarfFlare(Colours(20.0, 19.4, 19.0).WithPrevious("z", 9, templateFlux: -1e9f)
            .WithPrevious("z", 9.5, templateFlux: -1e9f)));
    }
}
