using FinkTom.Core.Model;
using FinkTom.Core.Query;

namespace FinkTom.Core.Store;

/// <summary>
/// The read side of the store: what the endpoints, the OData feed and the livestream publisher ask of it. Every
/// backend implements it together with <see cref="IAlertWriter"/> (see <see cref="IAlertStore"/>).
/// </summary>
public interface IAlertReader
{
    /// <summary>Alerts matching the query, in the query's order. Returned alerts carry the requested columns
    /// (and always candid, objectId, jd) but no history.</summary>
    IAsyncEnumerable<Alert> QueryAsync(AlertQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many alerts (or objects, with <see cref="AlertQuery.LatestPerObject"/>) match, ignoring limit and offset.</summary>
    Task<long> CountAsync(AlertQuery query, CancellationToken cancellationToken = default);

    /// <summary>The stored light-curve history (detections and upper limits) of the objects, oldest first.</summary>
    Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(IReadOnlyList<string> objectIds, CancellationToken cancellationToken = default);

    /// <summary>The stored measurements of one history kind (Rubin's forced photometry) of the objects, oldest first.
    /// Backends that do not keep that kind throw <see cref="NotSupportedException"/>.</summary>
    Task<IReadOnlyList<Measurement>> GetMeasurementsAsync(Surveys.HistoryKind kind, IReadOnlyList<string> objectIds,
        CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} does not keep {kind.Name}.");

    /// <summary>The stored measurements of one history kind matching the query, in its order (then by id). Backends that do
    /// not keep that kind throw <see cref="NotSupportedException"/>.</summary>
    IAsyncEnumerable<Measurement> QueryMeasurementsAsync(MeasurementQuery query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} does not keep {query.Kind.Name}.");

    /// <summary>How many stored measurements match, ignoring limit and offset.</summary>
    Task<long> CountMeasurementsAsync(MeasurementQuery query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} does not keep {query.Kind.Name}.");

    /// <summary>The cutouts of one alert: the given candid, or the object's latest alert; with an empty object id, the
    /// alert of that id whatever its object (Rubin's cutouts are keyed by diaSourceId alone). Null when unknown.</summary>
    Task<StoredCutouts?> GetCutoutsAsync(string objectId, long? candid, CancellationToken cancellationToken = default);

    /// <summary>The per-night counters (/api/v1/statistics) of the nights whose <c>YYYYMMDD</c> starts with
    /// <paramref name="nightPrefix"/> ("" for all), oldest first. A store keeps them up to date as it writes alerts.
    /// Backends that do not keep them throw <see cref="NotSupportedException"/>.</summary>
    Task<IReadOnlyList<Statistics.NightStatistics>> GetNightStatisticsAsync(string nightPrefix, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} does not keep night statistics.");

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

public sealed record StoredCutouts(string ObjectId, long Candid, AlertCutouts Cutouts);

public sealed record StoreStatistics(long Alerts, long Objects, double? FirstJd, double? LastJd, string Backend, string? Location);
