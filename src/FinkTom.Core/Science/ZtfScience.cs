using FinkTom.Core.Model;

namespace FinkTom.Core.Science;

/// <summary>
/// The Fink science FinkTom runs itself on ZTF alerts: the modules that need no trained model and no online service
/// (<see cref="AsteroidCatcher"/>, <see cref="AlertHistoryValues"/>: <c>d:roid</c>, <c>d:nalerthist</c>,
/// <c>d:jd_first_real_det</c>, <c>d:jdstarthist_dt</c>, <c>d:delta_time</c>, <c>d:from_upper</c>). A value the alert already carries (a
/// Fink-enriched alert) is kept as delivered; only missing ones are computed, so a raw ZTF alert gets what Fink
/// would have added and an enriched one is left as Fink sent it.
/// </summary>
public static class ZtfScience
{
    private static readonly ColumnDef Roid = ColumnCatalog.Get("d:roid");
    private static readonly ColumnDef NAlertHist = ColumnCatalog.Get("d:nalerthist");
    private static readonly ColumnDef FirstRealDetection = ColumnCatalog.Get("d:jd_first_real_det");
    private static readonly ColumnDef StartHistDelta = ColumnCatalog.Get("d:jdstarthist_dt");
    private static readonly ColumnDef DeltaTime = ColumnCatalog.Get("d:delta_time");
    private static readonly ColumnDef FromUpper = ColumnCatalog.Get("d:from_upper");

    /// <summary>Fills the missing rule-based values; call before <see cref="FinkClassifier.Classify"/>, which reads them.</summary>
    public static void Complete(Alert alert)
    {
        if (alert.Survey != Surveys.Survey.Ztf)
            return;
        alert[NAlertHist] ??= AlertHistoryValues.NAlertHist(alert);
        alert[Roid] ??= AsteroidCatcher.Flag(alert);
        if (alert[FirstRealDetection] is null && AlertHistoryValues.FirstDetectionJd(alert) is { } first)
        {
            // The fast-transient-rate module's deterministic outputs, together (its rate is a random sampling: not here).
            alert[FirstRealDetection] = first;
            alert[StartHistDelta] = first - alert.GetDouble(ColumnCatalog.JdStartHist);
            var (delta, fromUpper) = AlertHistoryValues.PreviousInBand(alert);
            alert[DeltaTime] = delta;
            alert[FromUpper] = fromUpper;
        }
    }
}
