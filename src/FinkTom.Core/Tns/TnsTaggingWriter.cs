using FinkTom.Core.Model;
using FinkTom.Core.Store;

namespace FinkTom.Core.Tns;

/// <summary>
/// Gives raw ZTF alerts Fink's TNS cross-match before they are stored: <c>d:tns</c> = the type of the nearest classified
/// TNS object within <see cref="RadiusArcsec"/> ("" when none), from the imported catalogue. Alerts that carry a
/// <c>d:tns</c> (Fink-enriched ones) keep it; without an imported catalogue nothing is set.
/// </summary>
public sealed class TnsTaggingWriter(IAlertWriter inner, ITnsCatalog catalog) : IAlertWriter
{
    /// <summary>fink-broker's TNS cross-match radius.</summary>
    public const double RadiusArcsec = 1.5;

    /// <summary>The store it writes to.</summary>
    public IAlertWriter Inner => inner;

    public Task<StoreWriteResult> WriteAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken = default)
    {
        foreach (var alert in alerts)
        {
            if (alert.Survey != Surveys.Survey.Ztf || alert[ColumnCatalog.Tns] is not null)
                continue;
            if (catalog.TypeNear(alert.Ra, alert.Dec, RadiusArcsec) is not { } type)
                break; // no catalogue imported
            alert[ColumnCatalog.Tns] = type;
        }
        return inner.WriteAsync(alerts, cancellationToken);
    }
}
