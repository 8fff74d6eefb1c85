using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Query.OData;
using FinkTom.Server.Api;
using FinkTom.Server.Hosting;
using FinkTom.Server.OData.Lsst;
using Microsoft.Extensions.Options;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace FinkTom.Server.OData;

/// <summary>
/// Reads an /odata URL with Microsoft.OData.UriParser and answers it: the service document, <c>$metadata</c>,
/// a set (<c>Alerts</c>, <c>Objects</c>, <c>Classes</c>, <c>Columns</c>), one entity by key, an object's alerts
/// (<c>Objects('ZTF…')/Alerts</c>), a cone (<c>Alerts/Default.Cone(ra=…,dec=…,radius=…)</c>), or a count (<c>/$count</c>).
/// The Rubin sets go to <see cref="LsstFeedRoutes"/>, on the LSST store.
/// </summary>
internal static class FeedHandler
{
    public static async Task<IResult> HandleAsync(HttpContext http, IAlertReader store, [FromKeyedServices(SurveyStores.Lsst)] IAlertReader lsst,
        ClassCatalog classes, IOptions<ODataFeedOptions> options, ILoggerFactory logs)
    {
        try
        {
            var relative = (http.Request.Path.Value ?? "")[ODataFeed.RoutePrefix.Length..].TrimStart('/');
            if (relative == "$metadata")
                return FeedDocuments.Metadata(http);
            var context = FeedContext.Negotiate(http, options.Value);
            if (relative.Length == 0)
                return FeedDocuments.ServiceDocument(context);
            if (relative == "$batch")
                throw ODataQueryException.NotImplemented("$batch is not supported; send each request on its own.", "$batch");
            return await AnswerAsync(context, relative, store, lsst, classes);
        }
        catch (ODataQueryException e)
        {
            return ODataResults.Error(e);
        }
        catch (ODataUnrecognizedPathException e)
        {
            return ODataResults.Error(StatusCodes.Status404NotFound, "NotFound", e.Message, null);
        }
        catch (ODataException e)
        {
            return ODataResults.Error(StatusCodes.Status400BadRequest, "BadRequest", e.Message, null);
        }
        catch (NotSupportedException e)
        {
            // A store backend without object summaries yet (IAlertReader's default methods).
            return ODataResults.Error(StatusCodes.Status501NotImplemented, "NotImplemented", e.Message, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logs.CreateLogger(typeof(FeedHandler)).LogError(e, "OData request {Path} failed", http.Request.Path);
            return ODataResults.Error(StatusCodes.Status500InternalServerError, "InternalError", "Internal error; the server log has the details.", null);
        }
    }

    private static async Task<IResult> AnswerAsync(FeedContext context, string relative, IAlertReader store, IAlertReader lsst, ClassCatalog classes)
    {
        var request = context.Http.Request;
        foreach (var option in FeedUri.Unsupported)
            if (request.Query.ContainsKey(option) || request.Query.ContainsKey(option[1..]))
                throw ODataQueryException.NotImplemented($"{option} is not supported by this feed.", option);
        var parser = new ODataUriParser(FeedModel.Model, new Uri(context.ServiceRoot), new Uri(context.ServiceRoot + relative + request.QueryString))
        {
            Resolver = FeedUri.NewResolver(),
            EnableNoDollarQueryOptions = true,
        };
        var segments = parser.ParsePath().ToList();
        var countOnly = segments[^1] is CountSegment;
        if (countOnly)
            segments.RemoveAt(segments.Count - 1);
        if (LsstFeedRoutes.Serves(segments))
            return await LsstFeedRoutes.AnswerAsync(context, parser, segments, countOnly, lsst);

        switch (segments)
        {
            case [EntitySetSegment { EntitySet.Name: AlertFeed.SetName }]:
                return await CollectionAsync(context, parser, new AlertSource(store), countOnly);
            case [EntitySetSegment { EntitySet.Name: AlertFeed.SetName }, OperationSegment cone]:
                return await CollectionAsync(context, parser, new AlertSource(store, cone: FeedDocuments.ConeParameters(cone)), countOnly);
            case [EntitySetSegment { EntitySet.Name: ObjectFeed.SetName }]:
                return await CollectionAsync(context, parser, new ObjectSource(store), countOnly, item => AlertsOf(store, item, context.Options));
            case [EntitySetSegment { EntitySet.Name: ObjectFeed.SetName }, KeySegment key, NavigationPropertySegment]:
                var objectId = KeyText(key);
                if (await store.CountObjectsAsync(new ObjectQuery { ObjectIds = [objectId] }) == 0)
                    throw ODataQueryException.NotFound($"No object '{objectId}' in this store.");
                return await CollectionAsync(context, parser, new AlertSource(store, objectIds: [objectId]), countOnly);
            case [EntitySetSegment { EntitySet.Name: "Classes" }]:
                return await CollectionAsync(context, parser, new ReferenceSource(ReferenceFeeds.Classes, ReferenceSource.ClassRows(classes)), countOnly);
            case [EntitySetSegment { EntitySet.Name: "Columns" }]:
                return await CollectionAsync(context, parser, new ReferenceSource(ReferenceFeeds.Columns, ReferenceFeeds.ColumnRows), countOnly);
            case [EntitySetSegment set, KeySegment key] when !countOnly:
                return await EntityAsync(context, parser, store, classes, set.EntitySet.Name, KeyText(key));
            case [.., PropertySegment]:
                throw ODataQueryException.NotImplemented("Single property values are not served; use $select.", null);
            default:
                throw ODataQueryException.NotFound($"Nothing is served at /odata/{relative}.");
        }
    }

    private static NavigationExpansion<ObjectSummary, AlertRow> AlertsOf(IAlertReader store, ExpandedNavigationSelectItem item, ODataFeedOptions options) =>
        new(ObjectFeed.SetName, ObjectFeed.AlertsNavigation, o => o.ObjectId, ids => new AlertSource(store, objectIds: ids), a => a.Alert.ObjectId,
            new SortKey("i:jd"), item, options);

    internal static async Task<IResult> CollectionAsync<T>(FeedContext context, ODataUriParser parser, IFeedSource<T> source, bool countOnly,
        Func<ExpandedNavigationSelectItem, IFeedExpansion<T>>? expand = null)
    {
        var query = FeedQuery<T>.Translate(source,
            Parse("$filter", parser.ParseFilter), Parse(SelectTarget(context), parser.ParseSelectAndExpand), Parse("$orderby", parser.ParseOrderBy),
            Parse("$top", parser.ParseTop), Parse("$skip", parser.ParseSkip), Parse("$count", parser.ParseCount),
            Parse("$skiptoken", parser.ParseSkipToken), context.Options);
        if (countOnly)
        {
            var count = await source.CountAsync(query.Where, context.Http.RequestAborted);
            ODataResults.SetVersion(context.Http.Response);
            return TypedResults.Text(count.ToString(System.Globalization.CultureInfo.InvariantCulture), "text/plain");
        }
        // Only the object sets have navigation properties; the parser refuses $expand elsewhere.
        var expansion = query.Expand is null ? null : expand!(query.Expand);
        return new CollectionResult<T>(source, query, context, expansion);
    }

    private static async Task<IResult> EntityAsync(FeedContext context, ODataUriParser parser, IAlertReader store, ClassCatalog classes, string set, string key)
    {
        var selectExpand = Parse(SelectTarget(context), parser.ParseSelectAndExpand);
        var ct = context.Http.RequestAborted;
        switch (set)
        {
            case AlertFeed.SetName:
                var source = new AlertSource(store);
                var (selected, text, _) = FeedQuery<AlertRow>.Select(source, selectExpand);
                var candid = (long)FeedValues.ToId(key);
                var alert = await store.QueryAsync(new AlertQuery { Candid = candid, Columns = AlertFeed.StoreColumns(selected) }, ct).FirstOrDefaultAsync(ct);
                return alert is null ? throw ODataQueryException.NotFound($"No alert {key} in this store.")
                    : new EntityResult<AlertRow>(new AlertRow(alert), selected, context, context.ContextUrl(set, text, entity: true));
            case ObjectFeed.SetName:
                var objects = new ObjectSource(store);
                var (chosen, select, expand) = FeedQuery<ObjectSummary>.Select(objects, selectExpand);
                var summary = await store.QueryObjectsAsync(new ObjectQuery { ObjectIds = [key] }, ct).FirstOrDefaultAsync(ct)
                    ?? throw ODataQueryException.NotFound($"No object '{key}' in this store.");
                NavigationExpansion<ObjectSummary, AlertRow>? expansion = null;
                if (expand is not null)
                {
                    expansion = AlertsOf(store, expand, context.Options);
                    await expansion.LoadAsync([summary], ct);
                }
                return new EntityResult<ObjectSummary>(summary, chosen, context,
                    context.ContextUrl(set, expansion?.ContextSelect(select) ?? select, entity: true), expansion is null ? null : expansion.Write);
            default:
                var (feedSet, rows) = set == ReferenceFeeds.Classes.Name
                    ? (ReferenceFeeds.Classes, ReferenceSource.ClassRows(classes))
                    : (ReferenceFeeds.Columns, ReferenceFeeds.ColumnRows);
                var row = rows.FirstOrDefault(r => (string?)feedSet.Key.Read(r) == key)
                    ?? throw ODataQueryException.NotFound($"No {feedSet.TypeName.ToLowerInvariant()} '{key}'.");
                var reference = new ReferenceSource(feedSet, rows);
                var (properties, names, _) = FeedQuery<string?[]>.Select(reference, selectExpand);
                return new EntityResult<string?[]>(row, properties, context, context.ContextUrl(set, names, entity: true));
        }
    }

    // $select and $expand parse together; name the one the request has.
    internal static string SelectTarget(FeedContext context) =>
        context.Http.Request.Query.ContainsKey("$select") || !context.Http.Request.Query.ContainsKey("$expand") ? "$select" : "$expand";

    internal static string KeyText(KeySegment key) => Convert.ToString(key.Keys.Single().Value, System.Globalization.CultureInfo.InvariantCulture)!;

    /// <summary>Names the query option a parse error comes from.</summary>
    internal static TResult Parse<TResult>(string option, Func<TResult> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is ODataException and not ODataUnrecognizedPathException or OverflowException)
        {
            // OverflowException: the binder's checked conversion of a literal (1e30 as an Edm.Decimal).
            throw new ODataQueryException(e.Message, option);
        }
    }
}
