using System.Text.Json;
using System.Text.Json.Serialization;

namespace FinkTom.Store.Elasticsearch.Api;

// The parts of Elasticsearch's responses FinkTom reads; unknown properties are ignored.

public sealed record ClusterInfo(
    [property: JsonPropertyName("cluster_name")] string? ClusterName,
    [property: JsonPropertyName("version")] ClusterVersion? Version);

public sealed record ClusterVersion(
    [property: JsonPropertyName("number")] string? Number,
    [property: JsonPropertyName("distribution")] string? Distribution);

public sealed record ClusterHealth(
    [property: JsonPropertyName("cluster_name")] string? ClusterName,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("timed_out")] bool TimedOut,
    [property: JsonPropertyName("number_of_nodes")] int NumberOfNodes);

public sealed record ErrorCause(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("caused_by")] ErrorCause? CausedBy);

/// <summary>The body of an error answer: <c>{"error": {...}, "status": 400}</c>.</summary>
public sealed record ErrorResponse(
    [property: JsonPropertyName("error")] ErrorCause? Error,
    [property: JsonPropertyName("status")] int Status);

/// <summary><c>_bulk</c> answer: one item per action, in request order, keyed by the action name.</summary>
public sealed record BulkResponse(
    [property: JsonPropertyName("took")] long Took,
    [property: JsonPropertyName("errors")] bool Errors,
    [property: JsonPropertyName("items")] List<Dictionary<string, BulkItemResult>> Items);

public sealed record BulkItemResult(
    [property: JsonPropertyName("_index")] string? Index,
    [property: JsonPropertyName("_id")] string? Id,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("error")] ErrorCause? Error);

public sealed record SearchResponse(
    [property: JsonPropertyName("took")] long Took,
    [property: JsonPropertyName("timed_out")] bool TimedOut,
    [property: JsonPropertyName("hits")] SearchHits Hits,
    [property: JsonPropertyName("aggregations")] JsonElement? Aggregations);

public sealed record SearchHits(
    [property: JsonPropertyName("total")] TotalHits? Total,
    [property: JsonPropertyName("hits")] List<SearchHit> Hits);

public sealed record TotalHits(
    [property: JsonPropertyName("value")] long Value,
    [property: JsonPropertyName("relation")] string? Relation);

public sealed record SearchHit(
    [property: JsonPropertyName("_index")] string? Index,
    [property: JsonPropertyName("_id")] string? Id,
    [property: JsonPropertyName("_source")] JsonElement? Source,
    [property: JsonPropertyName("sort")] List<JsonElement>? Sort);

public sealed record CountResponse([property: JsonPropertyName("count")] long Count);

public sealed record CatIndex([property: JsonPropertyName("index")] string Index);

/// <summary>Source-generated System.Text.Json metadata for every body FinkTom sends and reads (Refit's preferred set-up).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(ClusterInfo))]
[JsonSerializable(typeof(ClusterHealth))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(BulkResponse))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(CountResponse))]
[JsonSerializable(typeof(List<CatIndex>))]
public sealed partial class ElasticsearchJsonContext : JsonSerializerContext;
