using FinkTom.Core.Model;

namespace FinkTom.Core.Science;

/// <summary>
/// Fink's asteroid flag <c>d:roid</c> (fink-science <c>asteroids.roid_catcher</c>), from the alert's own fields and the
/// history its packet carries; no model, no external catalogue. 3: ZTF associated a known Solar System object within
/// 5″ (closer than the nearest PS1 source, seen at most 5 times); 2: Fink's own candidate (PS1 counterpart not a star,
/// at most 2 detections, none of them a long trend); 1: first detection; 0: otherwise. Later rules overwrite earlier
/// ones, in Fink's order. Missing values fail the comparisons they appear in, as NaN does in Fink's pandas code.
/// </summary>
public static class AsteroidCatcher
{
    private static readonly ColumnDef NDetHist = ColumnCatalog.Get("i:ndethist");
    private static readonly ColumnDef SgScore1 = ColumnCatalog.Get("i:sgscore1");
    private static readonly ColumnDef DistPsNr1 = ColumnCatalog.Get("i:distpsnr1");
    private static readonly ColumnDef SsDistNr = ColumnCatalog.Get("i:ssdistnr");

    /// <summary>30 minutes in days: two detections further apart are a trend, not one passage of an asteroid.</summary>
    private const double SamePassageDays = 30.0 / (24 * 60);

    public static int Flag(Alert alert)
    {
        var ndethist = alert.GetDouble(NDetHist);
        var distpsnr1 = alert.GetDouble(DistPsNr1);
        var ssdistnr = alert.GetDouble(SsDistNr);
        var nalerthist = AlertHistoryValues.NAlertHist(alert);

        var flag = 0;
        if (ndethist == 1)
            flag = 1;
        if (alert.GetDouble(SgScore1) < 0.76 && ndethist <= 2)
            flag = 2;
        if (distpsnr1 is > 0 and < 5) // a PS1 source within 5″: no asteroid
            flag = 0;
        if (nalerthist == 2 && LastGapDays(alert) > SamePassageDays)
            flag = 0;
        if (ndethist == 2 && nalerthist == 1)
            flag = 0;
        if (ssdistnr is >= 0 and < 5 && Math.Abs(distpsnr1 ?? double.NaN) - ssdistnr > 0 && ndethist <= 5 && nalerthist <= 5)
            flag = 3;
        return flag;
    }

    /// <summary>The time between the alert and the last point of its packet's history (upper limits included, as
    /// Fink's concatenated jd column has them); NaN without history.</summary>
    private static double LastGapDays(Alert alert) =>
        alert.History.Count == 0 ? double.NaN : alert.Jd - alert.History[^1].Jd;
}
