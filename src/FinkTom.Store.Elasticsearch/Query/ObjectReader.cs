using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FinkTom.Core.Query;
using FinkTom.Store.Elasticsearch.Api;
using FinkTom.Store.Elasticsearch.Mapping;

namespace FinkTom.Store.Elasticsearch.Query;

/// <summary>
/// Runs an <see cref="ObjectQuery"/> on the <c>objects</c> index: one <c>from</c>/<c>size</c> search when the page lies
/// within the first 10,000 hits, otherwise <c>search_after</c> on the total order (walking to the offset with sort
/// values only, then reading pages), as <see cref="AlertReader"/> does for alerts.
/// </summary>
public sealed class ObjectReader(ElasticsearchCalls calls, IndexLayout layout)
{
    public async IAsyncEnumerable<ObjectSummary> QueryAsync(ObjectQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (query.Limit is <= 0)
            yield break;
        var offset = Math.Max(0, query.Offset);
        if (query.Limit is { } limit && offset + (long)limit <= AlertReader.MaxResultWindow)
        {
            var body = ObjectSearch.Body(query, limit);
            body["from"] = offset;
            foreach (var hit in await SearchAsync(body, cancellationToken).ConfigureAwait(false))
                yield return ObjectDocuments.Read(hit.Source!.Value);
            yield break;
        }

        // Deep pages in one point in time, as for alerts: summaries rewritten during the walk do not shift it.
        await using var walk = await PointInTimeWalk.OpenAsync(calls, layout.ObjectsAlias, cancellationToken).ConfigureAwait(false);
        JsonArray? after = null;
        for (var toSkip = offset; toSkip > 0;)
        {
            var size = Math.Min(toSkip, AlertReader.MaxResultWindow);
            var body = ObjectSearch.Body(query, size);
            body["_source"] = false;
            var hits = await PageAsync(walk, body, after, cancellationToken).ConfigureAwait(false);
            if (hits.Count < size)
                yield break;
            toSkip -= hits.Count;
            after = SortValues(hits[^1]);
        }
        for (long remaining = query.Limit ?? long.MaxValue; remaining > 0;)
        {
            var size = (int)Math.Min(remaining, AlertReader.PageSize);
            var hits = await PageAsync(walk, ObjectSearch.Body(query, size), after, cancellationToken).ConfigureAwait(false);
            foreach (var hit in hits)
                yield return ObjectDocuments.Read(hit.Source!.Value);
            if (hits.Count < size)
                yield break;
            remaining -= hits.Count;
            after = SortValues(hits[^1]);
        }
    }

    public Task<long> CountAsync(ObjectQuery query, CancellationToken cancellationToken) =>
        calls.CountAsync(layout.ObjectsAlias, ObjectSearch.Filter(query), cancellationToken);

    private async Task<List<SearchHit>> SearchAsync(JsonObject body, CancellationToken cancellationToken) =>
        (await calls.SearchAsync(layout.ObjectsAlias, body, cancellationToken).ConfigureAwait(false)).Hits.Hits;

    private static Task<List<SearchHit>> PageAsync(PointInTimeWalk walk, JsonObject body, JsonArray? after, CancellationToken cancellationToken)
    {
        if (after is not null)
            body["search_after"] = after.DeepClone();
        return walk.PageAsync(body, cancellationToken);
    }

    private static JsonArray SortValues(SearchHit hit) =>
        new([.. (hit.Sort ?? throw new ElasticsearchException("A sorted search answered a hit without sort values.")).Select(v => (JsonNode?)JsonValue.Create(v))]);
}
