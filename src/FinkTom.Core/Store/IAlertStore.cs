using FinkTom.Core.Model;
using FinkTom.Core.Query;

namespace FinkTom.Core.Store;

/// <summary>
/// Where alerts live. The embedded SQLite store is the default; Elasticsearch implements the same
/// contract for scale. Every backend passes the shared conformance suite (tests/.../StoreConformance).
/// </summary>
public interface IAlertStore
{
    /// <summary>Stores alerts idempotently: an alert whose <c>candid</c> is already stored is counted as a duplicate
    /// and left as it is. History points and cutouts are stored with them. An alert that
    /// <see cref="Validation.AlertValidation"/> rejects is skipped and counted in <see cref="StoreWriteResult.Rejected"/>;
    /// it never fails the rest of the batch.</summary>
    Task<StoreWriteResult> WriteAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken = default);

    /// <summary>Alerts matching the query, in the query's order. Returned alerts carry the requested columns
    /// (and always candid, objectId, jd) but no history.</summary>
    IAsyncEnumerable<Alert> QueryAsync(AlertQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many alerts (or objects, with <see cref="AlertQuery.LatestPerObject"/>) match, ignoring limit and offset.</summary>
    Task<long> CountAsync(AlertQuery query, CancellationToken cancellationToken = default);

    /// <summary>The stored light-curve history (detections and upper limits) of the objects, oldest first.</summary>
    Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(IReadOnlyList<string> objectIds, CancellationToken cancellationToken = default);

    /// <summary>The cutouts of one alert: the given candid, or the object's latest alert. Null when unknown.</summary>
    Task<StoredCutouts?> GetCutoutsAsync(string objectId, long? candid, CancellationToken cancellationToken = default);

    Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>Object summaries matching the query, in its order (then by object id). A store maintains them as it
    /// writes alerts: one per object id, updated by every new alert (see <see cref="ObjectSummary"/> for each value).
    /// Backends that do not keep summaries yet throw <see cref="NotSupportedException"/>.</summary>
    IAsyncEnumerable<ObjectSummary> QueryObjectsAsync(ObjectQuery query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} does not keep object summaries.");

    /// <summary>How many object summaries match, ignoring limit and offset.</summary>
    Task<long> CountObjectsAsync(ObjectQuery query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} does not keep object summaries.");
}

public sealed record StoreWriteResult(int Stored, int Duplicates)
{
    public static StoreWriteResult Empty { get; } = new(0, 0);

    /// <summary>Alerts the store refused because <see cref="Validation.AlertValidation"/> rejects their values (the
    /// ways in check first, so this counts only what slipped past them); neither stored nor counted as duplicates.</summary>
    public int Rejected { get; init; }

    /// <summary>The candids of the alerts this write stored for the first time (not the duplicates), so that only
    /// new alerts are published to livestreams. Null when the backend does not report them.</summary>
    public IReadOnlyList<long>? StoredCandids { get; init; }

    // Two results are equal when they count the same: the candid list is a by-product for publication.
    public bool Equals(StoreWriteResult? other) =>
        other is not null && Stored == other.Stored && Duplicates == other.Duplicates && Rejected == other.Rejected;

    public override int GetHashCode() => HashCode.Combine(Stored, Duplicates, Rejected);

    public StoreWriteResult Add(StoreWriteResult other) => new(Stored + other.Stored, Duplicates + other.Duplicates)
    {
        Rejected = Rejected + other.Rejected,
        StoredCandids = StoredCandids is null || other.StoredCandids is null ? null : [.. StoredCandids, .. other.StoredCandids],
    };
}

public sealed record StoredCutouts(string ObjectId, long Candid, AlertCutouts Cutouts);

public sealed record StoreStatistics(long Alerts, long Objects, double? FirstJd, double? LastJd, string Backend, string? Location);
