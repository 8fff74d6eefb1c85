using FinkTom.Core.Model;
using static FinkTom.Core.Surveys.Lsst.Tags.LsstFields;

namespace FinkTom.Core.Surveys.Lsst.Tags;

/// <summary>
/// fink-filters' 16 Rubin building blocks (<c>fink_filters/rubin/blocks.py</c>, 7.40; contract §3.3), each a predicate
/// over one alert. A missing value behaves as in Fink's pandas code: a comparison with it is false, a null flag is
/// "not set", a null SIMBAD type counts as unknown (not as a galaxy). Float32 fields compare with float32 thresholds
/// and divide in float32, as numpy does with Fink's float32 columns (so a score of 0.7f passes ≥ 0.7).
/// </summary>
public static class LsstBlockPredicates
{
    /// <summary>Every block by its Fink name, in <see cref="LsstBlocks.All"/>'s order.</summary>
    public static readonly IReadOnlyDictionary<string, Func<Alert, bool>> ByName = new Dictionary<string, Func<Alert, bool>>(StringComparer.Ordinal)
    {
        ["b_extragalactic_loose_candidate"] = IsExtragalacticLooseCandidate,
        ["b_extragalactic_near_galaxy_candidate"] = IsExtragalacticNearGalaxyCandidate,
        ["b_good_quality"] = IsGoodQuality,
        ["b_is_fading"] = IsFading,
        ["b_is_new"] = IsNew,
        ["b_is_rising"] = IsRising,
        ["b_is_solar_system"] = IsSolarSystem,
        ["b_mag_rate_mc_sampling"] = IsFastEvolving,
        ["b_outside_galactic_plane_20_deg"] = IsOutsideGalacticPlane20,
        ["b_outside_galactic_plane_5_deg"] = IsOutsideGalacticPlane5,
        ["b_xmatched_gaia_star"] = IsGaiaStar,
        ["b_xmatched_mangrove"] = IsMangroveGalaxy,
        ["b_xmatched_simbad_galaxy"] = IsSimbadGalaxy,
        ["b_xmatched_simbad_unknown"] = IsSimbadUnknown,
        ["b_xmatched_vsx"] = IsVsxSource,
        ["b_xmatched_vsx_star"] = IsVsxStar,
    };

    /// <summary><c>b_is_solar_system</c>: <c>pred.is_sso</c> (null → false, as Fink's filter drops it).</summary>
    public static bool IsSolarSystem(Alert alert) => alert.Flag(IsSso) == true;

    /// <summary><c>b_outside_galactic_plane_20_deg</c>: |b| &gt; 20° at the diaSource position.</summary>
    public static bool IsOutsideGalacticPlane20(Alert alert) => Math.Abs(GalacticB(alert)) > 20;

    /// <summary><c>b_outside_galactic_plane_5_deg</c>: |b| &gt; 5°.</summary>
    public static bool IsOutsideGalacticPlane5(Alert alert) => Math.Abs(GalacticB(alert)) > 5;

    /// <summary><c>b_xmatched_simbad_galaxy</c>: the SIMBAD type is in the EG host list (which holds "Unknown" and
    /// "Fail" too, so only a null type fails).</summary>
    public static bool IsSimbadGalaxy(Alert alert) =>
        alert.Text(SimbadType) is { } type && CrossMatchLabels.SimbadExtragalacticHosts.Contains(type);

    /// <summary><c>b_xmatched_simbad_unknown</c>: the SIMBAD type is null, Unknown, Fail or Fail 504.</summary>
    public static bool IsSimbadUnknown(Alert alert) => CrossMatchLabels.IsBad(alert.Text(SimbadType));

    /// <summary><c>b_xmatched_mangrove</c>: <c>mangrove_lum_dist</c> &gt; 0.</summary>
    public static bool IsMangroveGalaxy(Alert alert) => alert.Float(MangroveDistance) > 0f;

    /// <summary><c>b_xmatched_gaia_star</c>: a Gaia DR3 name (not a bad value) and Plx/e_Plx &gt; 5 (float32).</summary>
    public static bool IsGaiaStar(Alert alert) => IsGaiaStar(alert, alert.Float(GaiaParallax));

    // The parallax is an argument because fast_transient_gvom passes e_Plx in its place (see there).
    internal static bool IsGaiaStar(Alert alert, float parallax) =>
        !CrossMatchLabels.IsBad(alert.Text(GaiaName)) && parallax / alert.Float(GaiaParallaxErr) > 5f;

    /// <summary><c>b_xmatched_vsx_star</c>: the VSX type is a stellar one.</summary>
    public static bool IsVsxStar(Alert alert) => alert.Text(VsxType) is { } type && CrossMatchLabels.VsxStellar.Contains(type);

    /// <summary><c>b_xmatched_vsx</c>: the VSX type is a stellar or a non-stellar one.</summary>
    public static bool IsVsxSource(Alert alert) =>
        alert.Text(VsxType) is { } type && (CrossMatchLabels.VsxStellar.Contains(type) || CrossMatchLabels.VsxNonStellar.Contains(type));

    /// <summary><c>b_is_rising</c>: psfFlux exceeds the object's mean flux in the alert's band by more than its error.</summary>
    public static bool IsRising(Alert alert) => DifferenceFromMean(alert) is (var diff, true) && diff > 0;

    /// <summary><c>b_is_fading</c>: psfFlux is below the mean by more than its error.</summary>
    public static bool IsFading(Alert alert) => DifferenceFromMean(alert) is (var diff, true) && diff < 0;

    /// <summary><c>b_is_new</c>: no earlier diaSource (<c>midpointMjdTai == firstDiaSourceMjdTaiFink</c>, exactly).</summary>
    public static bool IsNew(Alert alert) => alert.Double(MidpointTime) == alert.Double(FirstTime);

    /// <summary>
    /// <c>b_good_quality</c>: none of the 16 flags set, psfFlux ≥ 0 and psfFlux/psfFluxErr ≥ 6 (float32; a NaN flux or
    /// error passes both, as Fink's negated comparisons do).
    /// </summary>
    /// <remarks>Fink ORs the flags left to right with pandas: a null on the right counts as false, but a null on the
    /// left makes that one OR false whatever the right is. Only the first pair can meet this (later left operands are
    /// results, never null), so a null <c>isDipole</c> also hides <c>pixelFlags</c>.</remarks>
    public static bool IsGoodQuality(Alert alert)
    {
        var flags = QualityFlags;
        var flagged = alert.Flag(flags[0]) is { } first && (first || alert.Flag(flags[1]) == true);
        for (var i = 2; i < flags.Length && !flagged; i++)
            flagged = alert.Flag(flags[i]) == true;
        var flux = alert.Float(PsfFlux);
        return !flagged && !(flux < 0f) && !(flux / alert.Float(PsfFluxErr) < 6f);
    }

    /// <summary><c>b_extragalactic_loose_candidate</c>: good quality, a galaxy host (SIMBAD, Mangrove or Legacy
    /// photo-z) or an unknown SIMBAD type, |b| &gt; 20°, not a Solar System object, not a Gaia or VSX star.</summary>
    public static bool IsExtragalacticLooseCandidate(Alert alert) => IsExtragalactic(alert, loose: true, alert.Float(GaiaParallax));

    /// <summary><c>b_extragalactic_near_galaxy_candidate</c>: as the loose one, without "unknown SIMBAD type" as a host.</summary>
    public static bool IsExtragalacticNearGalaxyCandidate(Alert alert) => IsExtragalactic(alert, loose: false, alert.Float(GaiaParallax));

    /// <summary>fink-filters' <c>extragalactic_base</c> (not a block itself).</summary>
    internal static bool IsExtragalactic(Alert alert, bool loose, float parallax)
    {
        var simbadGalaxy = IsSimbadGalaxy(alert);
        var simbadUnknown = IsSimbadUnknown(alert);
        var legacyValid = alert.Float(LegacyPhotoZ) > 0f && (simbadUnknown || simbadGalaxy);
        var host = simbadGalaxy || IsMangroveGalaxy(alert) || legacyValid || (loose && simbadUnknown);
        // ~is_sso: a null is_sso is "not an asteroid" (Fink's ~ on a null flag would fail the batch instead).
        return host && !IsSolarSystem(alert) && !IsGaiaStar(alert, parallax) && !IsVsxStar(alert) && IsGoodQuality(alert) &&
            IsOutsideGalacticPlane20(alert);
    }

    /// <summary>
    /// <c>b_mag_rate_mc_sampling</c>: brightening faster than 0.3 mag/day at the current flux, significantly (mean
    /// sampled rate &gt; 0.2763·psfFlux nJy/day and |mean|/σ &gt; 3), against the last previous diaSource of the same
    /// band in packet order. Seeded with the alert's id: see <see cref="FluxRateSampling"/>.
    /// </summary>
    public static bool IsFastEvolving(Alert alert)
    {
        var band = alert.Text(Band);
        // Walk the list from its end (Fink: reversed(prvDiaSources)); null fields → NaN → false (a crash in Fink).
        var previous = alert.PreviousSources().LastOrDefault(p => p.Values[PrvBand.Ordinal] as string == band);
        if (previous is null)
            return false;
        var (time, flux, fluxErr) = (previous.Double(PrvTime), previous.Float(PrvPsfFlux), previous.Float(PrvPsfFluxErr));
        if (double.IsNaN(time) || float.IsNaN(flux) || float.IsNaN(fluxErr))
            return false;
        var current = alert.Float(PsfFlux);
        // flux_to_mag then mag_rate_to_flux_rate(-0.3, ·): NaN for a negative flux, 0 for a zero one.
        var threshold = current >= 0 ? Photometry.FluxRate(-0.3, current) : double.NaN;
        var (mean, std) = FluxRateSampling.Sample(current, alert.Float(PsfFluxErr), flux, fluxErr,
            alert.Double(MidpointTime) - time, seed: alert.Values[DiaSourceId.Ordinal] as long? ?? 0);
        return mean > threshold && Math.Abs(mean) / (std + 1e-10) > 3.0;
    }

    private static double GalacticB(Alert alert) => GalacticLatitude.Degrees(alert.Double(Ra), alert.Double(Dec));

    // extract_flux_information_static + compute_diff_flux_from_mean: in double (Fink's row-wise apply widens the
    // diaObject values); null for a band with no diaObject columns (no diaObject: NaN, never significant).
    private static (double Diff, bool Significant)? DifferenceFromMean(Alert alert)
    {
        if (OfBand(alert.Text(Band)) is not { } band)
            return null;
        var diff = (double)alert.Float(PsfFlux) - alert.Float(band.Mean);
        return (diff, Math.Abs(diff) > alert.Float(band.MeanErr));
    }
}
