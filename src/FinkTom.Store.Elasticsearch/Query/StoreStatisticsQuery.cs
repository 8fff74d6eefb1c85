using System.Text.Json;
using System.Text.Json.Nodes;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Store.Elasticsearch.Api;
using FinkTom.Store.Elasticsearch.Mapping;

namespace FinkTom.Store.Elasticsearch.Query;

/// <summary>
/// Size of the store in one search: exact alert count (<c>track_total_hits</c>), first and last <c>jd</c>, and the number
/// of objects from a <c>cardinality</c> aggregation. Cardinality is HyperLogLog++: exact in practice below its
/// precision threshold but an estimate above, so below the threshold the objects are counted exactly by paging through
/// them, and above it (a large store, where paging would cost one request per 10,000 objects) the estimate is given.
/// </summary>
public static class StoreStatisticsQuery
{
    public const int ExactObjectsBelow = 40_000; // cardinality's maximum precision_threshold

    public static JsonObject Body() => new()
    {
        ["size"] = 0,
        ["track_total_hits"] = true,
        ["aggs"] = new JsonObject
        {
            ["first_jd"] = new JsonObject { ["min"] = new JsonObject { ["field"] = AlertSearch.JdField } },
            ["last_jd"] = new JsonObject { ["max"] = new JsonObject { ["field"] = AlertSearch.JdField } },
            ["objects"] = new JsonObject
            {
                ["cardinality"] = new JsonObject { ["field"] = AlertSearch.ObjectIdField, ["precision_threshold"] = ExactObjectsBelow },
            },
        },
    };

    public static async Task<StoreStatistics> RunAsync(ElasticsearchCalls calls, AlertReader reader, IndexLayout layout, string location,
        CancellationToken cancellationToken)
    {
        var response = await calls.SearchAsync(layout.AlertsAlias, Body(), cancellationToken).ConfigureAwait(false);
        var alerts = response.Hits.Total?.Value ?? 0;
        if (alerts == 0 || response.Aggregations is null)
            return new StoreStatistics(0, 0, null, null, "elasticsearch", location);
        var objects = ElasticsearchCalls.Aggregation(response, "objects").GetProperty("value").GetInt64();
        if (objects < ExactObjectsBelow)
            objects = await reader.CountObjectsAsync(new AlertQuery(), cancellationToken).ConfigureAwait(false);
        return new StoreStatistics(alerts, objects, Value(response, "first_jd"), Value(response, "last_jd"), "elasticsearch", location);
    }

    private static double? Value(SearchResponse response, string name) =>
        ElasticsearchCalls.Aggregation(response, name).GetProperty("value") is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;
}
