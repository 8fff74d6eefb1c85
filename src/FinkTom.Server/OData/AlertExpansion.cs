using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Query.OData;
using Microsoft.OData.UriParser;

namespace FinkTom.Server.OData;

/// <summary>
/// <c>$expand=Alerts(...)</c> on Objects: the alerts of one page of objects, read with one store query (object ids,
/// the nested <c>$filter</c>, <c>$select</c>, <c>$orderby</c>; oldest first by default), then <c>$skip</c>/<c>$top</c>
/// per object. Memory is bounded by the expand page size and <see cref="ODataFeedOptions.MaxExpandedAlerts"/>.
/// </summary>
internal sealed class AlertExpansion : IFeedExpansion<ObjectSummary>
{
    private readonly IAlertReader _store;
    private readonly int _maxAlerts;
    private readonly Predicate? _where;
    private readonly IReadOnlyList<SortKey> _order;
    private readonly IReadOnlyList<FeedProperty<AlertRow>> _selected;
    private readonly long? _top;
    private readonly long _skip;
    private readonly bool _count;
    private Dictionary<string, List<AlertRow>> _byObject = [];

    public AlertExpansion(IAlertReader store, ExpandedNavigationSelectItem item, ODataFeedOptions options)
    {
        _store = store;
        _maxAlerts = options.MaxExpandedAlerts;
        var source = new AlertSource(store);
        _where = item.FilterOption is null ? null : new FilterTranslator<AlertRow>(AlertFeed.Set, "$expand").Translate(item.FilterOption);
        var order = FeedQuery<AlertRow>.Order(source, item.OrderByOption, "$expand");
        _order = order.Count > 0 ? order : [new SortKey("i:jd")];
        (_selected, SelectText, _) = FeedQuery<AlertRow>.Select(source, item.SelectAndExpand);
        if (item.TopOption is < 0 || item.SkipOption is < 0)
            throw new ODataQueryException("$top and $skip inside $expand must not be negative.", "$expand");
        (_top, _skip, _count) = (item.TopOption, item.SkipOption ?? 0, item.CountOption ?? false);
    }

    public string? SelectText { get; }

    public string? ContextSelect(string? select)
    {
        var nested = SelectText is null ? ObjectFeed.AlertsNavigation : $"{ObjectFeed.AlertsNavigation}({SelectText})";
        return select is null ? (SelectText is null ? null : nested) : $"{select},{nested}";
    }

    public Task LoadAsync(IReadOnlyList<ObjectSummary> page, CancellationToken cancellationToken) =>
        LoadAsync(page.Select(o => o.ObjectId).ToList(), cancellationToken);

    public async Task LoadAsync(IReadOnlyList<string> objectIds, CancellationToken cancellationToken)
    {
        _byObject = objectIds.ToDictionary(id => id, _ => new List<AlertRow>(), StringComparer.Ordinal);
        if (objectIds.Count == 0)
            return;
        var query = new AlertQuery { ObjectIds = objectIds, Where = _where, OrderBy = _order, Columns = AlertFeed.StoreColumns(_selected) };
        var total = 0;
        await foreach (var alert in _store.QueryAsync(query, cancellationToken))
        {
            if (++total > _maxAlerts)
                throw new ODataQueryException($"These objects have more than {_maxAlerts:N0} alerts to expand; read Objects('id')/Alerts, or narrow the nested $filter.", "$expand");
            _byObject[alert.ObjectId].Add(new AlertRow(alert));
        }
    }

    public void Write(FeedJsonWriter writer, ObjectSummary summary)
    {
        var alerts = _byObject.GetValueOrDefault(summary.ObjectId) ?? [];
        if (_count)
            writer.WriteCount(ObjectFeed.AlertsNavigation + "@odata.count", alerts.Count);
        writer.Json.WriteStartArray(ObjectFeed.AlertsNavigation);
        foreach (var row in alerts.Skip((int)Math.Min(_skip, int.MaxValue)).Take((int)Math.Min(_top ?? int.MaxValue, int.MaxValue)))
            writer.WriteEntity(row, _selected);
        writer.Json.WriteEndArray();
    }
}
