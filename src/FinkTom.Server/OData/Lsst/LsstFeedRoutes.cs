using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Query.OData;
using Microsoft.OData.UriParser;

namespace FinkTom.Server.OData.Lsst;

/// <summary>
/// The Rubin part of the feed, on the LSST store: <c>LsstSources</c>, <c>LsstObjects</c> (with <c>$expand=Sources</c> or
/// <c>ForcedPhotometry</c>), <c>LsstForcedPhotometry</c>, one entity by key, an object's sources or forced photometry
/// (<c>LsstObjects('…')/Sources</c>) and the cones (<c>LsstSources/Default.Cone(…)</c>, <c>LsstObjects/Default.Cone(…)</c>).
/// </summary>
internal static class LsstFeedRoutes
{
    private static readonly HashSet<string> Sets = [LsstSourceFeed.SetName, LsstObjectFeed.SetName, LsstForcedPhotometryFeed.SetName];

    public static bool Serves(IReadOnlyList<ODataPathSegment> segments) => segments is [EntitySetSegment set, ..] && Sets.Contains(set.EntitySet.Name);

    public static async Task<IResult> AnswerAsync(FeedContext context, ODataUriParser parser, IReadOnlyList<ODataPathSegment> segments, bool countOnly, IAlertReader store)
    {
        switch (segments)
        {
            case [EntitySetSegment { EntitySet.Name: LsstSourceFeed.SetName }]:
                return await FeedHandler.CollectionAsync(context, parser, Sources(store), countOnly);
            case [EntitySetSegment { EntitySet.Name: LsstSourceFeed.SetName }, OperationSegment cone]:
                return await FeedHandler.CollectionAsync(context, parser, Sources(store, cone: FeedDocuments.ConeParameters(cone)), countOnly);
            case [EntitySetSegment { EntitySet.Name: LsstObjectFeed.SetName }]:
                return await FeedHandler.CollectionAsync(context, parser, new LsstObjectSource(store), countOnly, item => Expansion(store, item, context.Options));
            case [EntitySetSegment { EntitySet.Name: LsstObjectFeed.SetName }, OperationSegment cone]:
                return await FeedHandler.CollectionAsync(context, parser, new LsstObjectSource(store, FeedDocuments.ConeParameters(cone)), countOnly,
                    item => Expansion(store, item, context.Options));
            case [EntitySetSegment { EntitySet.Name: LsstObjectFeed.SetName }, KeySegment key, NavigationPropertySegment navigation]:
                var objectId = FeedHandler.KeyText(key);
                if (await store.CountAsync(new AlertQuery { ObjectIds = [objectId] }, context.Http.RequestAborted) == 0)
                    throw ODataQueryException.NotFound($"No object '{objectId}' in the Rubin store.");
                return navigation.NavigationProperty.Name == LsstObjectFeed.SourcesNavigation
                    ? await FeedHandler.CollectionAsync(context, parser, Sources(store, objectIds: [objectId]), countOnly)
                    : await FeedHandler.CollectionAsync(context, parser, new LsstForcedPhotometrySource(store, [objectId]), countOnly);
            case [EntitySetSegment { EntitySet.Name: LsstForcedPhotometryFeed.SetName }]:
                return await FeedHandler.CollectionAsync(context, parser, new LsstForcedPhotometrySource(store), countOnly);
            case [EntitySetSegment set, KeySegment key] when !countOnly:
                return await EntityAsync(context, parser, store, set.EntitySet.Name, FeedHandler.KeyText(key));
            case [.., PropertySegment]:
                throw ODataQueryException.NotImplemented("Single property values are not served; use $select.", null);
            default:
                throw ODataQueryException.NotFound($"Nothing is served at /odata/{string.Join('/', segments.Select(s => s.Identifier))}.");
        }
    }

    private static AlertSource Sources(IAlertReader store, IReadOnlyList<string>? objectIds = null, Cone? cone = null) =>
        new(Survey.Lsst, LsstSourceFeed.Set, store, objectIds, cone);

    private static IFeedExpansion<AlertRow> Expansion(IAlertReader store, ExpandedNavigationSelectItem item, ODataFeedOptions options)
    {
        var time = new SortKey(Survey.Lsst.Time.Name);
        return ((NavigationPropertySegment)item.PathToNavigationProperty.LastSegment).NavigationProperty.Name == LsstObjectFeed.SourcesNavigation
            ? new NavigationExpansion<AlertRow, AlertRow>(LsstObjectFeed.SetName, LsstObjectFeed.SourcesNavigation, o => o.Alert.ObjectId,
                ids => Sources(store, objectIds: ids), s => s.Alert.ObjectId, time, item, options)
            : new NavigationExpansion<AlertRow, Measurement>(LsstObjectFeed.SetName, LsstObjectFeed.ForcedPhotometryNavigation, o => o.Alert.ObjectId,
                ids => new LsstForcedPhotometrySource(store, ids), m => FeedValues.IdText(m[LsstForcedPhotometryFeed.Kind.ObjectId!])!, time, item, options);
    }

    private static async Task<IResult> EntityAsync(FeedContext context, ODataUriParser parser, IAlertReader store, string set, string key)
    {
        var selectExpand = FeedHandler.Parse(FeedHandler.SelectTarget(context), parser.ParseSelectAndExpand);
        var ct = context.Http.RequestAborted;
        switch (set)
        {
            case LsstSourceFeed.SetName:
                var sources = Sources(store);
                var (selected, text, _) = FeedQuery<AlertRow>.Select(sources, selectExpand);
                var query = new AlertQuery { Candid = (long)FeedValues.ToId(key), Columns = sources.StoreColumns(selected) };
                var alert = await store.QueryAsync(query, ct).FirstOrDefaultAsync(ct) ?? throw ODataQueryException.NotFound($"No Rubin alert {key} in this store.");
                return new EntityResult<AlertRow>(new AlertRow(alert), selected, context, context.ContextUrl(set, text, entity: true));
            case LsstObjectFeed.SetName:
                var objects = new LsstObjectSource(store);
                var (chosen, select, expand) = FeedQuery<AlertRow>.Select(objects, selectExpand);
                var latest = await objects.ReadAsync(new ComparePredicate(Survey.Lsst.ObjectId.Name, CompareOp.Eq, FeedValues.ToId(key)), [], 0, 1, chosen, ct)
                    .FirstOrDefaultAsync(ct) ?? throw ODataQueryException.NotFound($"No object '{key}' in the Rubin store.");
                IFeedExpansion<AlertRow>? expansion = null;
                if (expand is not null)
                {
                    expansion = Expansion(store, expand, context.Options);
                    await expansion.LoadAsync([latest], ct);
                }
                return new EntityResult<AlertRow>(latest, chosen, context,
                    context.ContextUrl(set, expansion?.ContextSelect(select) ?? select, entity: true), expansion is null ? null : expansion.Write);
            default:
                var forced = new LsstForcedPhotometrySource(store);
                var (properties, names, _) = FeedQuery<Measurement>.Select(forced, selectExpand);
                var keyColumn = LsstForcedPhotometryFeed.Kind.Key!.Name;
                var measurement = await forced.ReadAsync(new ComparePredicate(keyColumn, CompareOp.Eq, FeedValues.ToId(key)), [], 0, 1, properties, ct)
                    .FirstOrDefaultAsync(ct) ?? throw ODataQueryException.NotFound($"No forced measurement {key} in the Rubin store.");
                return new EntityResult<Measurement>(measurement, properties, context, context.ContextUrl(set, names, entity: true));
        }
    }
}
