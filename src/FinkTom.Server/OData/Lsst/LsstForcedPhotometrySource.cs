using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Query.OData;

namespace FinkTom.Server.OData.Lsst;

/// <summary>Rubin's forced photometry from the store's measurement table, optionally of some objects only.</summary>
internal sealed class LsstForcedPhotometrySource(IAlertReader store, IReadOnlyList<string>? objectIds = null) : IFeedSource<Measurement>
{
    private static readonly Core.Surveys.HistoryKind Kind = LsstForcedPhotometryFeed.Kind;

    public FeedSet<Measurement> Set => LsstForcedPhotometryFeed.Set;

    public string? KeysetColumn => Kind.Key!.Name;

    public IReadOnlyList<SortKey> DefaultOrder => [];

    // Never null in a measurement: its id, object and time.
    public IReadOnlySet<string> KeysetSortColumns { get; } = new HashSet<string>([Kind.Key!.Name, Kind.ObjectId!.Name, Kind.Time!.Name]);

    public object? SortValue(Measurement row, string column) => row[column];

    public object ParseSortValue(string column, string text) => SortText.Parse(Kind.Catalog!.Get(column).Type, text);

    public bool HasSeparation => false;

    public string KeyText(Measurement row) => FeedValues.IdText(row.Id)!;

    public object KeyValue(string text) => FeedValues.ToId(text);

    private MeasurementQuery Query(Predicate? where) => new(Kind) { ObjectIds = objectIds, Where = where };

    public Task<long> CountAsync(Predicate? where, CancellationToken cancellationToken) => store.CountMeasurementsAsync(Query(where), cancellationToken);

    public IAsyncEnumerable<Measurement> ReadAsync(Predicate? where, IReadOnlyList<SortKey> orderBy, int offset, int limit,
        IReadOnlyList<FeedProperty<Measurement>> selected, CancellationToken cancellationToken) =>
        store.QueryMeasurementsAsync(Query(where) with { OrderBy = orderBy, Offset = offset, Limit = limit }, cancellationToken);
}
