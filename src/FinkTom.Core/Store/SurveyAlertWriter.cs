using FinkTom.Core.Model;
using FinkTom.Core.Surveys;

namespace FinkTom.Core.Store;

/// <summary>
/// The write side of a FinkTom holding several surveys: each alert goes to its survey's store, so every way in (files,
/// Kafka, the samples) takes ZTF and Rubin alerts alike. Alerts of a survey with no store are refused and counted as
/// <see cref="StoreWriteResult.Rejected"/>.
/// </summary>
public sealed class SurveyAlertWriter(IReadOnlyDictionary<Survey, IAlertWriter> writers) : IAlertWriter
{
    public IReadOnlyDictionary<Survey, IAlertWriter> Writers => writers;

    public async Task<StoreWriteResult> WriteAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken = default)
    {
        // The common case, one survey per batch, passes the list through untouched.
        if (alerts.Count > 0 && alerts.All(a => a.Survey == alerts[0].Survey))
            return writers.TryGetValue(alerts[0].Survey, out var only)
                ? await only.WriteAsync(alerts, cancellationToken).ConfigureAwait(false)
                : StoreWriteResult.Empty with { Rejected = alerts.Count };

        var result = StoreWriteResult.Empty with { StoredCandids = [] };
        foreach (var group in alerts.GroupBy(a => a.Survey))
        {
            var part = writers.TryGetValue(group.Key, out var writer)
                ? await writer.WriteAsync(group.ToList(), cancellationToken).ConfigureAwait(false)
                : StoreWriteResult.Empty with { Rejected = group.Count(), StoredCandids = [] };
            result = result.Add(part);
        }
        return result;
    }
}
