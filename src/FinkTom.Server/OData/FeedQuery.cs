using FinkTom.Core.Query;
using FinkTom.Query.OData;
using Microsoft.OData.UriParser;

namespace FinkTom.Server.OData;

/// <summary>
/// The query options of one request, parsed by Microsoft.OData.UriParser and translated for an entity set:
/// the store predicate, sort keys, selected properties, <c>$top</c>/<c>$skip</c>/<c>$count</c> and the page token.
/// </summary>
internal sealed class FeedQuery<T>
{
    public Predicate? Where { get; init; }

    public IReadOnlyList<SortKey> OrderBy { get; init; } = [];

    public required IReadOnlyList<FeedProperty<T>> Selected { get; init; }

    /// <summary>The select list for the context URL, null when every property is selected.</summary>
    public string? SelectText { get; init; }

    public ExpandedNavigationSelectItem? Expand { get; init; }

    public long? Top { get; init; }

    public long Skip { get; init; }

    public bool Count { get; init; }

    public PageToken? Token { get; init; }

    public static FeedQuery<T> Translate(IFeedSource<T> source, FilterClause? filter, SelectExpandClause? selectExpand, OrderByClause? orderBy,
        long? top, long? skip, bool? count, string? skipToken, ODataFeedOptions options)
    {
        if (top is < 0 || top > options.MaxTop)
            throw new ODataQueryException($"$top must be between 0 and {options.MaxTop:N0}; larger feeds are read page by page without $top.", "$top");
        if (skip is < 0 || skip > int.MaxValue)
            throw new ODataQueryException($"$skip must be between 0 and {int.MaxValue:N0}.", "$skip");
        var (selected, selectText, expand) = Select(source, selectExpand);
        return new FeedQuery<T>
        {
            Where = filter is null ? null : new FilterTranslator<T>(source.Set).Translate(filter),
            OrderBy = Order(source, orderBy),
            Selected = selected,
            SelectText = selectText,
            Expand = expand,
            Top = top,
            Skip = skip ?? 0,
            Count = count ?? false,
            Token = skipToken is null ? null : PageToken.Decode(skipToken),
        };
    }

    public static (IReadOnlyList<FeedProperty<T>> Selected, string? Text, ExpandedNavigationSelectItem? Expand) Select(IFeedSource<T> source, SelectExpandClause? clause)
    {
        var all = source.Set.Properties.Where(p => source.HasSeparation || p.Name != AlertFeed.Separation).ToList();
        if (clause is null)
            return (all, null, null);
        var expansions = clause.SelectedItems.OfType<ExpandedNavigationSelectItem>().ToList();
        if (expansions.Count > 1)
            throw ODataQueryException.NotImplemented("Expand one navigation property per request, e.g. $expand=Sources; read the other in a request of its own.", "$expand");
        var expand = expansions.FirstOrDefault();
        if (clause.AllSelected || clause.SelectedItems.Any(i => i is WildcardSelectItem or NamespaceQualifiedWildcardSelectItem))
            return (all, null, expand);
        var chosen = new List<FeedProperty<T>> { source.Set.Key }; // the key always comes along, to identify the row
        foreach (var item in clause.SelectedItems.OfType<PathSelectItem>())
        {
            if (item.SelectedPath.LastSegment is not PropertySegment segment)
                continue; // a navigation link: nothing to write in minimal metadata
            var property = source.Set.Find(segment.Property.Name)!;
            if (property.Name == AlertFeed.Separation && !source.HasSeparation)
                throw new ODataQueryException("'separation' exists only in Cone results.", "$select");
            if (!chosen.Contains(property))
                chosen.Add(property);
        }
        return (chosen, string.Join(',', chosen.Select(p => p.Name)), expand);
    }

    public static IReadOnlyList<SortKey> Order(IFeedSource<T> source, OrderByClause? clause, string target = "$orderby")
    {
        var keys = new List<SortKey>();
        for (var item = clause; item is not null; item = item.ThenBy)
        {
            var expression = item.Expression is ConvertNode convert ? convert.Source : item.Expression;
            if (expression is not SingleValuePropertyAccessNode access)
                throw ODataQueryException.NotImplemented("$orderby takes property names, optionally followed by asc or desc.", target);
            var property = source.Set.Find(access.Property.Name)!;
            if (property.Name == AlertFeed.Separation && !source.HasSeparation)
                throw new ODataQueryException("'separation' exists only in Cone results.", target);
            if (property.Column is null)
                throw new ODataQueryException(property.NotQueryableReason ?? $"'{property.Name}' cannot be sorted on.", target);
            keys.Add(new SortKey(property.Column, item.Direction == OrderByDirection.Descending));
        }
        return keys;
    }
}
