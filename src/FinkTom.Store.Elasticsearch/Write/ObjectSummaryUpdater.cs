using System.Text.Json.Nodes;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Store.Elasticsearch.Api;
using FinkTom.Store.Elasticsearch.Mapping;
using FinkTom.Store.Elasticsearch.Query;

namespace FinkTom.Store.Elasticsearch.Write;

/// <summary>
/// Keeps the <c>objects</c> index in step with the alerts: for each object a batch touched, reads all its stored alerts
/// back (the few columns a summary needs) and indexes the summary computed from them. Recomputing rather than folding
/// each new alert in makes it idempotent (a re-ingested batch gives the same summaries, and one interrupted between the
/// alerts and the summaries is repaired by sending it again), correct whatever order alerts arrive in, and plain C#
/// rather than a Painless script. The caller refreshes the alert indices first, so that the search sees every alert
/// written so far.
/// </summary>
public sealed class ObjectSummaryUpdater(ElasticsearchCalls calls, IndexLayout layout, BulkWriter writer)
{
    /// <summary>Objects per search (a <c>terms</c> query); their alerts are read in pages of the result window.</summary>
    public const int ObjectsPerSearch = 500;

    public async Task UpdateAsync(IEnumerable<string> objectIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in objectIds.Distinct(StringComparer.Ordinal).Chunk(ObjectsPerSearch))
        {
            var summaries = await SummariseAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (summaries.Count == 0)
                continue;
            var items = summaries.Select(s => BulkItem.ForSummary(s, layout)).ToList();
            var outcome = await writer.WriteAsync(items, cancellationToken).ConfigureAwait(false);
            if (outcome.Failures.Count > 0)
                throw new ElasticsearchBulkException(
                    $"Elasticsearch refused {outcome.Failures.Count} of {items.Count} object summaries (the alerts are stored; " +
                    $"ingesting them again recomputes the summaries); first: {outcome.Failures[0]}", outcome.Failures);
        }
    }

    /// <summary>The summaries of these objects from their visible alerts; objects without any are left out.</summary>
    public async Task<List<ObjectSummary>> SummariseAsync(IReadOnlyList<string> objectIds, CancellationToken cancellationToken)
    {
        var summaries = new List<ObjectSummary>(objectIds.Count);
        var current = new List<Alert>();
        JsonArray? after = null;
        while (true)
        {
            var body = AlertsOfObjectsBody(objectIds, AlertReader.MaxResultWindow);
            if (after is not null)
                body["search_after"] = after;
            var hits = (await calls.SearchAsync(layout.AlertsAlias, body, cancellationToken).ConfigureAwait(false)).Hits.Hits;
            foreach (var hit in hits)
            {
                var alert = AlertDocuments.Read(hit.Source!.Value);
                if (current.Count > 0 && current[0].ObjectId != alert.ObjectId)
                {
                    summaries.Add(ObjectDocuments.Summarise(current));
                    current = [];
                }
                current.Add(alert);
            }
            if (hits.Count < AlertReader.MaxResultWindow)
                break;
            after = new JsonArray([.. hits[^1].Sort!.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }
        if (current.Count > 0)
            summaries.Add(ObjectDocuments.Summarise(current));
        return summaries;
    }

    /// <summary>Every alert of the objects, grouped by object (sorted by object id, then candid: a total order for
    /// <c>search_after</c>), with only the columns a summary needs.</summary>
    public static JsonObject AlertsOfObjectsBody(IReadOnlyList<string> objectIds, int size) => new()
    {
        ["query"] = Dsl.Terms(AlertSearch.ObjectIdField, objectIds.Select(id => (JsonNode)id)),
        ["sort"] = new JsonArray(Dsl.SortOn(AlertSearch.ObjectIdField, descending: false), Dsl.SortOn(AlertSearch.CandidField, descending: false)),
        ["size"] = size,
        ["_source"] = new JsonObject { ["includes"] = new JsonArray([.. ObjectDocuments.AlertColumns.Select(c => (JsonNode)c.SafeName)]) },
        ["track_total_hits"] = false,
    };
}
