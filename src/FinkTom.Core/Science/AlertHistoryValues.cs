using FinkTom.Core.Model;

namespace FinkTom.Core.Science;

/// <summary>
/// Values Fink derives from an alert's packet history without a model: <c>d:nalerthist</c> (fink-broker) and the
/// deterministic half of fink-science's fast-transient-rate module. The module's rate itself (<c>d:mag_rate</c>,
/// <c>d:sigma_rate</c>, <c>d:lower_rate</c>, <c>d:upper_rate</c>) is the mean and percentiles of a random sampling, so
/// it is not computed here.
/// </summary>
public static class AlertHistoryValues
{
    /// <summary>Detections in the packet: the alert itself plus its history's detections (upper limits have no magnitude).</summary>
    public static int NAlertHist(Alert alert) =>
        (alert.GetDouble(ColumnCatalog.MagPsf) is not null ? 1 : 0) + alert.History.Count(p => p.IsDetection);

    /// <summary>The first detection of the packet (history, then the alert): <c>d:jd_first_real_det</c>; null without any.</summary>
    public static double? FirstDetectionJd(Alert alert) =>
        alert.History.FirstOrDefault(p => p.IsDetection)?.Jd ?? (alert.GetDouble(ColumnCatalog.MagPsf) is not null ? alert.Jd : null);

    /// <summary>
    /// The previous point of the alert's band in its history, as the rate module picks it: walking back from the newest
    /// history point, the first of the same filter (a detection or an upper limit); none if a point of a band other than
    /// g or r comes first. Gives <c>d:delta_time</c> (alert jd minus that point's) and <c>d:from_upper</c> (that point is
    /// an upper limit).
    /// </summary>
    public static (double? DeltaTime, bool FromUpper) PreviousInBand(Alert alert)
    {
        var fid = alert.GetDouble(ColumnCatalog.Fid);
        for (var i = alert.History.Count - 1; i >= 0; i--)
        {
            var point = alert.History[i];
            if (point.Fid > 2)
                return (null, false);
            if (point.Fid == fid)
                return (alert.Jd - point.Jd, !point.IsDetection && point.DiffMagLim is { } limit && float.IsFinite(limit));
        }
        return (null, false);
    }
}
