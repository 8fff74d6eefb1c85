using FinkTom.Core.Model;
using static FinkTom.Core.Surveys.Lsst.Tags.LsstBlockPredicates;
using static FinkTom.Core.Surveys.Lsst.Tags.LsstFields;

namespace FinkTom.Core.Surveys.Lsst.Tags;

/// <summary>
/// The tags on classifier scores, TNS and sampling (fink-filters 7.40 <c>rubin/livestream/filter_*/filter.py</c>,
/// contract §3.2): <c>hostless_candidate</c>, <c>in_tns</c>, <c>most_likely_sn</c>, <c>remove_unlikely_transients</c>,
/// <c>uniform_sample</c>.
/// </summary>
public static class TransientTags
{
    /// <summary><c>hostless_candidate</c>: good quality, ELEPHANT template KS statistic &lt; 0.95 (float32; Fink's
    /// −99 "not computed" passes), |b| &gt; 20°, mag ≤ 21.5.</summary>
    public static bool HostlessCandidate(Alert alert) =>
        alert.Float(HostlessTemplate) < 0.95f && ExtragalacticTags.Magnitude(alert) <= 21.5 && IsGoodQuality(alert) &&
        IsOutsideGalacticPlane20(alert);

    /// <summary><c>in_tns</c>: a TNS name is there (any string, even empty: Fink tests <c>is not None</c>).</summary>
    public static bool InTns(Alert alert) => alert.Text(TnsName) is not null;

    /// <summary>
    /// <c>most_likely_sn</c>: SuperNNova score ≥ 0.7, CATS class 11 with score ≥ 0.9, and what
    /// <see cref="RemoveUnlikelyTransients"/> asks.
    /// </summary>
    public static bool MostLikelySn(Alert alert) =>
        alert.Float(SnnScore) >= 0.7f && alert.Double(CatsClass) == 11 && alert.Float(CatsScore) >= 0.9f &&
        RemoveUnlikelyTransients(alert);

    /// <summary>
    /// <c>remove_unlikely_transients</c>: not a Solar System object, snr &gt; 10, at least 2 diaSources and NOT (good
    /// quality and not <c>isNegative</c>).
    /// </summary>
    /// <remarks>The last term is inverted against the code's own comment ("keep good quality alerts"); Fink ships it so
    /// and FinkTom reproduces it (an upstream bug to report, not to fix here). A null <c>isNegative</c> or
    /// <c>is_sso</c> is "not set": Fink's <c>~</c> on a null flag fails the whole batch, which FinkTom cannot mimic.</remarks>
    public static bool RemoveUnlikelyTransients(Alert alert) =>
        alert.Flag(IsSso) != true && alert.Float(Snr) > 10f && alert.Double(NDiaSources) >= 2 &&
        !(IsGoodQuality(alert) && alert.Flag(IsNegative) != true);

    /// <summary><c>uniform_sample</c>: <c>diaSourceId % 113 == 0</c> (deterministic, ≈ 0.9 % of alerts).</summary>
    public static bool UniformSample(Alert alert) => alert.Values[DiaSourceId.Ordinal] is long id && id % 113 == 0;
}
