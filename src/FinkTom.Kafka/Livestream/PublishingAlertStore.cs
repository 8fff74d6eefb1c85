using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;

namespace FinkTom.Kafka.Livestream;

/// <summary>
/// The one seam where livestreams are fed: wraps the configured store, and after each write hands the alerts the
/// store took for the first time (<see cref="StoreWriteResult.StoredCandids"/>; duplicates are never republished)
/// to the <see cref="LivestreamHub"/>. File, Kafka and proxy ingestion all write through it. Everything else is
/// passed through.
/// </summary>
public sealed class PublishingAlertStore(IAlertStore inner, LivestreamHub hub) : IAlertStore
{
    public IAlertStore Inner => inner;

    public async Task<StoreWriteResult> WriteAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken = default)
    {
        var result = await inner.WriteAsync(alerts, cancellationToken);
        if (result.Stored == 0)
            return result;
        IReadOnlyList<Alert> fresh;
        if (result.StoredCandids is { } candids)
        {
            var set = candids.ToHashSet();
            fresh = alerts.Where(a => set.Remove(a.Candid)).ToList(); // Remove: an alert repeated in a batch goes out once
        }
        else
        {
            fresh = result.Duplicates == 0 ? alerts : []; // a backend that does not say which: publish only when unambiguous
        }
        await hub.PublishAsync(fresh, cancellationToken);
        return result;
    }

    public IAsyncEnumerable<Alert> QueryAsync(AlertQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(query, cancellationToken);

    public Task<long> CountAsync(AlertQuery query, CancellationToken cancellationToken = default) => inner.CountAsync(query, cancellationToken);

    public Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(IReadOnlyList<string> objectIds, CancellationToken cancellationToken = default) =>
        inner.GetHistoryAsync(objectIds, cancellationToken);

    public Task<StoredCutouts?> GetCutoutsAsync(string objectId, long? candid, CancellationToken cancellationToken = default) =>
        inner.GetCutoutsAsync(objectId, candid, cancellationToken);

    public Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => inner.GetStatisticsAsync(cancellationToken);

    public IAsyncEnumerable<ObjectSummary> QueryObjectsAsync(ObjectQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryObjectsAsync(query, cancellationToken);

    public Task<long> CountObjectsAsync(ObjectQuery query, CancellationToken cancellationToken = default) =>
        inner.CountObjectsAsync(query, cancellationToken);
}
