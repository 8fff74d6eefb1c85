using System.Text.Json;
using System.Text.Json.Serialization;

namespace FinkTom.Store.Elasticsearch.Api;

// The parts of Elasticsearch's answers FinkTom reads itself (searches, counts, error bodies of those); unknown properties
// are ignored. The other calls use the official client's typed responses.

public sealed record ClusterInfo(
    [property: JsonPropertyName("cluster_name")] string? ClusterName,
    [property: JsonPropertyName("version")] ClusterVersion? Version);

public sealed record ClusterVersion(
    [property: JsonPropertyName("number")] string? Number,
    [property: JsonPropertyName("build_flavor")] string? BuildFlavor);

public sealed record ErrorCause(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("caused_by")] ErrorCause? CausedBy);

/// <summary>The body of an error answer: <c>{"error": {...}, "status": 400}</c>.</summary>
public sealed record ErrorResponse(
    [property: JsonPropertyName("error")] ErrorCause? Error,
    [property: JsonPropertyName("status")] int Status);

public sealed record SearchResponse(
    [property: JsonPropertyName("took")] long Took,
    [property: JsonPropertyName("timed_out")] bool TimedOut,
    [property: JsonPropertyName("hits")] SearchHits Hits,
    [property: JsonPropertyName("aggregations")] JsonElement? Aggregations,
    [property: JsonPropertyName("pit_id")] string? PitId = null);

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

/// <summary>Source-generated System.Text.Json metadata for the answers FinkTom reads itself.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(ClusterInfo))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(CountResponse))]
public sealed partial class ElasticsearchJsonContext : JsonSerializerContext;
