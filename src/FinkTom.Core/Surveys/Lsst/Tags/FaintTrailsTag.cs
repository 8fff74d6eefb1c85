using FinkTom.Core.Model;
using static FinkTom.Core.Surveys.Lsst.Tags.LsstFields;

namespace FinkTom.Core.Surveys.Lsst.Tags;

/// <summary>
/// <c>faint_trails</c> (fink-filters 7.37+, <c>filter_faint_trails</c>): a trail longer than 2″ with 18 &lt; mag &lt;
/// 21, no cosmic ray, good quality, positive psfFlux and trailFlux, and a science cutout elongated by more than 2
/// (<see cref="CutoutElongation"/>). The cutout is decoded only for alerts that pass the rest, as in Fink.
/// </summary>
public static class FaintTrailsTag
{
    public static bool FaintTrails(Alert alert) => PassesCheapCuts(alert) && Elongation(alert) > 2.0;

    /// <summary>Fink's <c>f_intermediate</c>. A null <c>pixelFlags_cr</c> counts as "not set" (Fink's <c>~</c> on it
    /// would fail the batch).</summary>
    public static bool PassesCheapCuts(Alert alert)
    {
        var mag = ExtragalacticTags.Magnitude(alert);
        return alert.Float(TrailLength) > 2f && mag > 18 && mag < 21 && alert.Flag(PixelFlagsCr) != true &&
            alert.Float(PsfFlux) > 0f && alert.Float(TrailFlux) > 0f && LsstBlockPredicates.IsGoodQuality(alert);
    }

    /// <summary>The elongation of the alert's science cutout; NaN without one.</summary>
    public static double Elongation(Alert alert) =>
        alert.Cutouts?.Science is { } fits ? CutoutElongation.FromFits(fits) : double.NaN;
}
