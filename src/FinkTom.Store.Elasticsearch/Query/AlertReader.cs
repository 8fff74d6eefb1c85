using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Store.Elasticsearch.Api;
using FinkTom.Store.Elasticsearch.Mapping;

namespace FinkTom.Store.Elasticsearch.Query;

/// <summary>
/// Runs an <see cref="AlertQuery"/> and yields pages of alerts in the query's order. Three plans:
/// <list type="bullet">
/// <item>every matching alert: one <c>from</c>/<c>size</c> search when the page lies within the first 10,000 hits
/// (<c>index.max_result_window</c>), otherwise <c>search_after</c> pages on the total order (keys, then candid) in one
/// point in time, so that alerts stored during the walk do not shift it;</item>
/// <item>one row per object, newest first: <c>collapse</c> on the object id keeps each object's first hit in that order,
/// which is its latest alert;</item>
/// <item>one row per object in any other order (cone searches, nearest first): a <c>composite</c> aggregation pages
/// through every matching object with a <c>top_hits</c> of its latest alert, the latest alerts are sorted here and the
/// page asked for is fetched by id. Exact, and linear in the number of matching objects, so bounded by
/// <see cref="ElasticsearchStoreOptions.MaxLatestPerObjectGroups"/>.</item>
/// </list>
/// </summary>
public sealed class AlertReader(ElasticsearchCalls calls, IndexLayout layout, int maxGroups)
{
    public const int MaxResultWindow = 10_000;
    public const int PageSize = 1_000;
    public const int CompositePageSize = 1_000;

    public IAsyncEnumerable<List<Alert>> PagesAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        if (query.Limit is <= 0)
            return AsyncEnumerable.Empty<List<Alert>>();
        if (!query.LatestPerObject)
            return AllMatchesAsync(query, cancellationToken);
        if (AlertSearch.IsNewestFirst(query.OrderBy) && query.Limit is { } limit && query.Offset + limit <= MaxResultWindow)
            return CollapsedAsync(query, cancellationToken);
        return LatestByAggregationAsync(query, cancellationToken);
    }

    public static JsonObject SearchBody(AlertQuery query, int size, JsonObject? source = null) => new()
    {
        ["query"] = AlertSearch.Filter(query),
        ["sort"] = AlertSearch.Sort(query),
        ["size"] = size,
        ["_source"] = source ?? AlertSearch.Source(query.Columns),
        ["track_total_hits"] = false,
    };

    private async IAsyncEnumerable<List<Alert>> AllMatchesAsync(AlertQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (query.Limit is { } limit && query.Offset + limit <= MaxResultWindow)
        {
            var body = SearchBody(query, limit);
            body["from"] = query.Offset;
            yield return Alerts(await calls.SearchAsync(layout.AlertsAlias, body, cancellationToken).ConfigureAwait(false));
            yield break;
        }

        // Deep pages, in one point in time: walk to the offset reading sort values only, then read pages of documents.
        await using var walk = await PointInTimeWalk.OpenAsync(calls, layout.AlertsAlias, cancellationToken).ConfigureAwait(false);
        JsonArray? after = null;
        for (var toSkip = query.Offset; toSkip > 0;)
        {
            var size = Math.Min(toSkip, MaxResultWindow);
            var hits = await SearchAfterAsync(walk, SearchBody(query, size, source: null), after, includeSource: false, cancellationToken).ConfigureAwait(false);
            if (hits.Count < size)
                yield break;
            toSkip -= hits.Count;
            after = SortValues(hits[^1]);
        }
        for (long remaining = query.Limit ?? long.MaxValue; remaining > 0;)
        {
            var size = (int)Math.Min(remaining, PageSize);
            var hits = await SearchAfterAsync(walk, SearchBody(query, size), after, includeSource: true, cancellationToken).ConfigureAwait(false);
            if (hits.Count > 0)
                yield return hits.Select(h => AlertDocuments.Read(h.Source!.Value)).ToList();
            if (hits.Count < size)
                yield break;
            remaining -= hits.Count;
            after = SortValues(hits[^1]);
        }
    }

    private static Task<List<SearchHit>> SearchAfterAsync(PointInTimeWalk walk, JsonObject body, JsonArray? after, bool includeSource, CancellationToken cancellationToken)
    {
        if (!includeSource)
            body["_source"] = false;
        if (after is not null)
            body["search_after"] = after.DeepClone();
        return walk.PageAsync(body, cancellationToken);
    }

    private static JsonArray SortValues(SearchHit hit) =>
        new([.. (hit.Sort ?? throw new ElasticsearchException("A sorted search answered a hit without sort values.")).Select(v => (JsonNode?)JsonValue.Create(v))]);

    private async IAsyncEnumerable<List<Alert>> CollapsedAsync(AlertQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ordered = query.OrderBy.Count == 0 ? query with { OrderBy = [SortKey.JdDescending] } : query;
        var body = SearchBody(ordered, query.Limit!.Value);
        body["from"] = query.Offset;
        body["collapse"] = new JsonObject { ["field"] = AlertSearch.ObjectIdField };
        yield return Alerts(await calls.SearchAsync(layout.AlertsAlias, body, cancellationToken).ConfigureAwait(false));
    }

    private async IAsyncEnumerable<List<Alert>> LatestByAggregationAsync(AlertQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var latest = await LatestOfEachObjectAsync(query, cancellationToken).ConfigureAwait(false);
        latest.Sort(new AlertOrder(query));
        var page = latest.Skip(query.Offset).Take(query.Limit ?? int.MaxValue).Select(a => a.Candid).ToList();
        foreach (var chunk in page.Chunk(PageSize))
            yield return await ByCandidAsync(chunk, query.Columns, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each matching object's latest matching alert, with only the columns the order needs.</summary>
    private async Task<List<Alert>> LatestOfEachObjectAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        var keys = new List<string> { "i:candid", "i:objectId", "i:jd" };
        foreach (var key in query.OrderBy)
            keys.AddRange(key.Column == SortKey.SeparationColumn ? ["i:ra", "i:dec"] : [key.Column]);
        var latest = new List<Alert>();
        await foreach (var bucket in CompositeBucketsAsync(query, CompositePageSize, TopHit(keys), cancellationToken).ConfigureAwait(false))
        {
            var hit = bucket.GetProperty("latest").GetProperty("hits").GetProperty("hits")[0];
            latest.Add(AlertDocuments.Read(hit.GetProperty("_source")));
            if (latest.Count > maxGroups)
                throw new ElasticsearchException($"The query matches more than {maxGroups:N0} objects, the most a one-row-per-object answer " +
                    "in this order can gather (Store:Elasticsearch:MaxLatestPerObjectGroups); narrow it with a smaller cone or a time window.");
        }
        return latest;
    }

    private static JsonObject TopHit(IEnumerable<string> columns) => new()
    {
        ["latest"] = new JsonObject
        {
            ["top_hits"] = new JsonObject
            {
                ["size"] = 1,
                ["sort"] = new JsonArray(Dsl.SortOn(AlertSearch.JdField, descending: true), Dsl.SortOn(AlertSearch.CandidField, descending: true)),
                ["_source"] = AlertSearch.Source([.. columns]),
            },
        },
    };

    /// <summary>How many objects match: the number of buckets of a composite aggregation, paged through.</summary>
    public async Task<long> CountObjectsAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var _ in CompositeBucketsAsync(query, MaxResultWindow, subAggregations: null, cancellationToken).ConfigureAwait(false))
            count++;
        return count;
    }

    /// <summary>Pages through a <c>composite</c> aggregation on the object id with <c>after</c>, bucket by bucket.</summary>
    private async IAsyncEnumerable<JsonElement> CompositeBucketsAsync(AlertQuery query, int pageSize, JsonObject? subAggregations,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        JsonNode? after = null;
        while (true)
        {
            var composite = new JsonObject
            {
                ["size"] = pageSize,
                ["sources"] = new JsonArray(new JsonObject { ["object"] = new JsonObject { ["terms"] = new JsonObject { ["field"] = AlertSearch.ObjectIdField } } }),
            };
            if (after is not null)
                composite["after"] = after;
            var aggregation = new JsonObject { ["composite"] = composite };
            if (subAggregations is not null)
                aggregation["aggs"] = subAggregations.DeepClone();
            var body = new JsonObject
            {
                ["size"] = 0,
                ["track_total_hits"] = false,
                ["query"] = AlertSearch.Filter(query),
                ["aggs"] = new JsonObject { ["objects"] = aggregation },
            };
            var response = await calls.SearchAsync(layout.AlertsAlias, body, cancellationToken).ConfigureAwait(false);
            if (response.Aggregations is null)
                yield break; // no index yet: nothing matches
            var objects = ElasticsearchCalls.Aggregation(response, "objects");
            var buckets = objects.GetProperty("buckets");
            foreach (var bucket in buckets.EnumerateArray())
                yield return bucket;
            if (buckets.GetArrayLength() < pageSize || !objects.TryGetProperty("after_key", out var afterKey))
                yield break;
            after = JsonNode.Parse(afterKey.GetRawText());
        }
    }

    /// <summary>Alerts by candid (the document id), in the order given.</summary>
    private async Task<List<Alert>> ByCandidAsync(IReadOnlyList<long> candids, IReadOnlyList<string>? columns, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["query"] = new JsonObject { ["ids"] = new JsonObject { ["values"] = new JsonArray([.. candids.Select(c => (JsonNode)c.ToString())]) } },
            ["size"] = candids.Count,
            ["_source"] = AlertSearch.Source(columns),
            ["track_total_hits"] = false,
        };
        var found = Alerts(await calls.SearchAsync(layout.AlertsAlias, body, cancellationToken).ConfigureAwait(false)).ToDictionary(a => a.Candid);
        return candids.Where(found.ContainsKey).Select(c => found[c]).ToList();
    }

    private static List<Alert> Alerts(SearchResponse response) =>
        response.Hits.Hits.Where(h => h.Source is not null).Select(h => AlertDocuments.Read(h.Source!.Value)).ToList();
}
