using System.Runtime.CompilerServices;
using FinkTom.Core.Query;
using FinkTom.Core.Sky;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Query.OData;

namespace FinkTom.Server.OData.Lsst;

/// <summary>
/// Rubin objects, each read from its latest alert (the store's <see cref="AlertQuery.LatestPerObject"/>), as
/// <c>/lsst/api/v1/objects</c> does; in a cone, from its latest alert inside the cone, as <c>/lsst/api/v1/conesearch</c>.
/// A filter tests that latest alert (<see cref="AlertQuery.WhereLatest"/>); only conditions on the object id alone are
/// applied before the latest alert is chosen, where the store's object index serves them (keyset paging, one object).
/// </summary>
internal sealed class LsstObjectSource(IAlertReader store, Cone? cone = null) : IFeedSource<AlertRow>
{
    private static readonly Survey Lsst = Survey.Lsst;
    private static readonly string ObjectId = Lsst.ObjectId.Name;

    public FeedSet<AlertRow> Set => LsstObjectFeed.Set;

    public string? KeysetColumn => cone is null ? ObjectId : null;

    public IReadOnlyList<SortKey> DefaultOrder => cone is null ? [new SortKey(ObjectId)] : [SortKey.Separation];

    // Every latest alert has these: the object id and the alert's time.
    public IReadOnlySet<string> KeysetSortColumns { get; } = new HashSet<string>([ObjectId, Lsst.Time.Name]);

    public object? SortValue(AlertRow row, string column) => row.Alert[column];

    public object ParseSortValue(string column, string text) => SortText.Parse(Lsst.Catalog.Get(column).Type, text);

    public bool HasSeparation => cone is not null;

    public string KeyText(AlertRow row) => row.Alert.ObjectId;

    public object KeyValue(string text) => FeedValues.ToId(text);

    private static AlertQuery Query(Predicate? where, Cone? cone)
    {
        // Solar System alerts have no diaObject, so no row here.
        Predicate before = new ComparePredicate(ObjectId, CompareOp.Ne, null);
        Predicate? latest = null;
        foreach (var condition in Conjuncts(where))
        {
            if (condition.Columns().All(c => c == ObjectId))
                before &= condition;
            else
                latest = latest is null ? condition : latest & condition;
        }
        return new AlertQuery { LatestPerObject = true, Cone = cone, Where = before, WhereLatest = latest };
    }

    private static IEnumerable<Predicate> Conjuncts(Predicate? predicate) => predicate switch
    {
        null => [],
        AndPredicate and => Conjuncts(and.Left).Concat(Conjuncts(and.Right)),
        _ => [predicate],
    };

    public Task<long> CountAsync(Predicate? where, CancellationToken cancellationToken) => store.CountAsync(Query(where, cone), cancellationToken);

    public async IAsyncEnumerable<AlertRow> ReadAsync(Predicate? where, IReadOnlyList<SortKey> orderBy, int offset, int limit,
        IReadOnlyList<FeedProperty<AlertRow>> selected, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One row per object: the object id after the sort keys makes the order total, ties in the last key's direction.
        var order = orderBy.Count > 0 && orderBy[^1].Column == ObjectId ? orderBy
            : [.. orderBy, new SortKey(ObjectId, SortKey.TieBreakDescending(orderBy))];
        // The store sorts latest alerts on the columns it returns.
        var columns = selected.Select(p => p.Column).Concat(order.Select(k => k.Column))
            .Where(c => c is not null && c != SortKey.SeparationColumn).Select(c => c!)
            .Concat([Lsst.Ra.Name, Lsst.Dec.Name]).Distinct().ToList();
        var query = Query(where, cone) with { OrderBy = order, Offset = offset, Limit = limit, Columns = columns };
        await foreach (var alert in store.QueryAsync(query, cancellationToken))
            yield return new AlertRow(alert) { SeparationDeg = cone is null ? null : SkyMath.SeparationDeg(cone.Ra, cone.Dec, alert.Ra, alert.Dec) };
    }
}
