using FinkTom.Core.Model;

namespace FinkTom.Core.Science;

/// <summary>
/// The Fink science FinkTom runs itself on ZTF alerts: the modules that need no trained model and no online service
/// (<see cref="AsteroidCatcher"/>, <see cref="AlertHistoryValues"/>). A value the alert already carries (a
/// Fink-enriched alert) is kept as delivered; only missing ones are computed, so a raw ZTF alert gets what Fink
/// would have added and an enriched one is left as Fink sent it.
/// </summary>
public static class ZtfScience
{
    private static readonly ColumnDef Roid = ColumnCatalog.Get("d:roid");
    private static readonly ColumnDef NAlertHist = ColumnCatalog.Get("d:nalerthist");

    /// <summary>Fills the missing rule-based values; call before <see cref="FinkClassifier.Classify"/>, which reads them.</summary>
    public static void Complete(Alert alert)
    {
        if (alert.Survey != Surveys.Survey.Ztf)
            return;
        alert[NAlertHist] ??= AlertHistoryValues.NAlertHist(alert);
        alert[Roid] ??= AsteroidCatcher.Flag(alert);
    }
}
