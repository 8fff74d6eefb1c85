using FinkTom.Core.Model;
using static FinkTom.Core.Surveys.Lsst.Tags.LsstBlockPredicates;
using static FinkTom.Core.Surveys.Lsst.Tags.LsstFields;

namespace FinkTom.Core.Surveys.Lsst.Tags;

/// <summary>
/// The five tags built on <c>extragalactic_base</c> (fink-filters 7.40 <c>rubin/livestream/filter_*/filter.py</c>,
/// contract §3.2). "mag" is <see cref="Photometry.ApparentMagnitude"/> of psfFlux, "age" is midpointMjdTai −
/// firstDiaSourceMjdTaiFink in days. Cheap cuts come first; the results do not depend on the order.
/// </summary>
public static class ExtragalacticTags
{
    /// <summary><c>extragalactic_lt20mag_candidate</c>: loose extragalactic candidate, mag &lt; 20, rising, more than
    /// 4 diaSources, age &gt; 1 day.</summary>
    public static bool Lt20MagCandidate(Alert alert) =>
        Magnitude(alert) < 20 && alert.Double(NDiaSources) > 4 && Age(alert) > 1 && IsRising(alert) &&
        IsExtragalacticLooseCandidate(alert);

    /// <summary><c>extragalactic_svom</c>: near-galaxy candidate, age &lt; 5 days, mag &lt; 24.</summary>
    public static bool Svom(Alert alert) => Age(alert) < 5.0 && Magnitude(alert) < 24 && IsExtragalacticNearGalaxyCandidate(alert);

    /// <summary>
    /// <c>extragalactic_new_candidate</c>: as <see cref="Svom"/>, with at least 2 points of the object in the alert's
    /// band and a magnitude rate against the latest previous diaSource of that band: rising faster than 0.2 mag/day
    /// while younger than 3 days, or fading faster than 0.2 (r, i) or 0.5 (g, u) mag/day.
    /// </summary>
    public static bool NewCandidate(Alert alert)
    {
        var band = alert.Text(Band);
        if (!(Age(alert) < 5.0 && Magnitude(alert) < 24 && OfBand(band) is { } columns && alert.Double(columns.Ndata) >= 2))
            return false;
        // The same-band entry with the largest midpointMjdTai (Python's max: the first one on a tie).
        Measurement? latest = null;
        foreach (var previous in alert.PreviousSources())
            if (previous.Values[PrvBand.Ordinal] as string == band && (latest is null || previous.Double(PrvTime) > latest.Double(PrvTime)))
                latest = previous;
        if (latest is null)
            return false;
        var rate = (Magnitude(alert) - Photometry.ApparentMagnitude(latest.Float(PrvPsfFlux))) /
            (alert.Double(MidpointTime) - latest.Double(PrvTime));
        var rateOk = (rate < -0.2 && Age(alert) < 3) || (band is "r" or "i" && rate > 0.2) || (band is "g" or "u" && rate > 0.5);
        return rateOk && IsExtragalacticNearGalaxyCandidate(alert);
    }

    /// <summary>
    /// <c>fast_transient_gvom</c>: loose extragalactic candidate, age &lt; 5 days, mag &lt; 21 and
    /// <c>b_mag_rate_mc_sampling</c>. Fink passes <c>gaiadr3_e_Plx</c> as the parallax too, so its Gaia-star veto
    /// tests e_Plx/e_Plx &gt; 5 and never fires; reproduced as shipped.
    /// </summary>
    public static bool FastTransientGvom(Alert alert) =>
        Age(alert) < 5.0 && Magnitude(alert) < 21 && IsExtragalactic(alert, loose: true, parallax: alert.Float(GaiaParallaxErr)) &&
        IsFastEvolving(alert);

    /// <summary>
    /// <c>sn_near_galaxy_candidate</c>: near-galaxy candidate with more than 5 diaSources and a peak absolute magnitude
    /// strictly between −23 and −13: the brightest <c>&lt;band&gt;_psfFluxMax</c> of the object, at the Legacy DR8
    /// photo-z (<see cref="Cosmology"/>).
    /// </summary>
    public static bool SnNearGalaxyCandidate(Alert alert)
    {
        if (!(alert.Double(NDiaSources) > 5 && IsExtragalacticNearGalaxyCandidate(alert)))
            return false;
        var absolute = Cosmology.AbsoluteMagnitude(Photometry.ApparentMagnitude(MaxFlux(alert)), alert.Float(LegacyPhotoZ));
        return absolute > -23 && absolute < -13;
    }

    internal static double Magnitude(Alert alert) => Photometry.ApparentMagnitude(alert.Float(PsfFlux));

    internal static double Age(Alert alert) => alert.Double(MidpointTime) - alert.Double(FirstTime);

    // extract_max_flux: the largest psfFluxMax over the six bands, NaN ones skipped (pandas max), NaN if none.
    private static double MaxFlux(Alert alert)
    {
        var max = float.NaN;
        foreach (var band in Bands)
            if (alert.Float(ByBand[band].Max) is var flux && !float.IsNaN(flux) && !(flux <= max))
                max = flux;
        return max;
    }
}
