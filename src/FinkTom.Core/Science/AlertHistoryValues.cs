using FinkTom.Core.Model;

namespace FinkTom.Core.Science;

/// <summary>
/// Values Fink derives from an alert's packet history without a model: <c>d:nalerthist</c>, the number of detections
/// in the packet (the alert itself plus its history's detections; upper limits have no magnitude and do not count).
/// </summary>
public static class AlertHistoryValues
{
    public static int NAlertHist(Alert alert) =>
        (alert.GetDouble(ColumnCatalog.MagPsf) is not null ? 1 : 0) + alert.History.Count(p => p.IsDetection);
}
