using FinkTom.Core.Query;
using FinkTom.Query.OData;
using Microsoft.OData.UriParser;

namespace FinkTom.Server.OData;

/// <summary>
/// <c>$expand</c> of a navigation to many rows of an object (<c>Objects</c> → <c>Alerts</c>, <c>LsstObjects</c> →
/// <c>Sources</c> or <c>ForcedPhotometry</c>): the related rows of one page of parents, read with one store query (their
/// object ids, the nested <c>$filter</c>, <c>$select</c>, <c>$orderby</c>; oldest first by default), then
/// <c>$skip</c>/<c>$top</c> per parent. Memory is bounded by the expand page size and <see cref="ODataFeedOptions.MaxExpandedAlerts"/>.
/// </summary>
internal sealed class NavigationExpansion<TParent, TChild> : IFeedExpansion<TParent>
{
    private readonly string _parentSet;
    private readonly string _navigation;
    private readonly Func<TParent, string> _parentId;
    private readonly Func<IReadOnlyList<string>, IFeedSource<TChild>> _related;
    private readonly Func<TChild, string> _childObjectId;
    private readonly int _maxRows;
    private readonly Predicate? _where;
    private readonly IReadOnlyList<SortKey> _order;
    private readonly IReadOnlyList<FeedProperty<TChild>> _selected;
    private readonly string? _selectText;
    private readonly long? _top;
    private readonly long _skip;
    private readonly bool _count;
    private Dictionary<string, List<TChild>> _byObject = [];

    /// <param name="related">The related rows of some objects, by their object ids.</param>
    /// <param name="oldestFirst">The order when the nested <c>$orderby</c> gives none.</param>
    public NavigationExpansion(string parentSet, string navigation, Func<TParent, string> parentId,
        Func<IReadOnlyList<string>, IFeedSource<TChild>> related, Func<TChild, string> childObjectId, SortKey oldestFirst,
        ExpandedNavigationSelectItem item, ODataFeedOptions options)
    {
        (_parentSet, _navigation, _parentId, _related, _childObjectId) = (parentSet, navigation, parentId, related, childObjectId);
        _maxRows = options.MaxExpandedAlerts;
        var source = related([]);
        _where = item.FilterOption is null ? null : new FilterTranslator<TChild>(source.Set, "$expand").Translate(item.FilterOption);
        var order = FeedQuery<TChild>.Order(source, item.OrderByOption, "$expand");
        _order = order.Count > 0 ? order : [oldestFirst];
        (_selected, _selectText, _) = FeedQuery<TChild>.Select(source, item.SelectAndExpand);
        if (item.TopOption is < 0 || item.SkipOption is < 0)
            throw new ODataQueryException("$top and $skip inside $expand must not be negative.", "$expand");
        (_top, _skip, _count) = (item.TopOption, item.SkipOption ?? 0, item.CountOption ?? false);
    }

    public string? ContextSelect(string? select)
    {
        var nested = _selectText is null ? _navigation : $"{_navigation}({_selectText})";
        return select is null ? (_selectText is null ? null : nested) : $"{select},{nested}";
    }

    public async Task LoadAsync(IReadOnlyList<TParent> page, CancellationToken cancellationToken)
    {
        var ids = page.Select(_parentId).Distinct(StringComparer.Ordinal).ToList();
        _byObject = ids.ToDictionary(id => id, _ => new List<TChild>(), StringComparer.Ordinal);
        if (ids.Count == 0)
            return;
        var total = 0;
        // One row past the maximum tells that there are too many.
        await foreach (var row in _related(ids).ReadAsync(_where, _order, 0, (int)Math.Min(_maxRows + 1L, int.MaxValue), _selected, cancellationToken))
        {
            if (++total > _maxRows)
                throw new ODataQueryException($"These objects have more than {_maxRows:N0} {_navigation} rows to expand; read {_parentSet}('id')/{_navigation}, or narrow the nested $filter.", "$expand");
            _byObject[_childObjectId(row)].Add(row);
        }
    }

    public void Write(FeedJsonWriter writer, TParent parent)
    {
        var rows = _byObject.GetValueOrDefault(_parentId(parent)) ?? [];
        if (_count)
            writer.WriteCount(_navigation + "@odata.count", rows.Count);
        writer.Json.WriteStartArray(_navigation);
        foreach (var row in rows.Skip((int)Math.Min(_skip, int.MaxValue)).Take((int)Math.Min(_top ?? int.MaxValue, int.MaxValue)))
            writer.WriteEntity(row, _selected);
        writer.Json.WriteEndArray();
    }
}
