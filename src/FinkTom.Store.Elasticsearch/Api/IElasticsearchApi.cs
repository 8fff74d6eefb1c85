using System.Text.Json;
using System.Text.Json.Nodes;
using Refit;

namespace FinkTom.Store.Elasticsearch.Api;

/// <summary>
/// The few Elasticsearch REST endpoints FinkTom uses, as documented in the Elasticsearch 8 REST API reference (the same
/// paths exist in 7.17 and OpenSearch 2.x). Every call returns the raw response so that the caller decides what a
/// 404, 409 or 429 means; nothing here retries or throws on a status code.
/// </summary>
public interface IElasticsearchApi
{
    /// <summary><c>GET /</c>: cluster name and version (<c>version.distribution</c> is <c>opensearch</c> on OpenSearch).</summary>
    [Get("/")]
    Task<IApiResponse<ClusterInfo>> InfoAsync(CancellationToken cancellationToken);

    /// <summary><c>GET /_cluster/health</c>, waiting up to <paramref name="timeout"/> for at least yellow.</summary>
    [Get("/_cluster/health?wait_for_status=yellow")]
    Task<IApiResponse<ClusterHealth>> HealthAsync([AliasAs("timeout")] string timeout, CancellationToken cancellationToken);

    /// <summary><c>PUT /_index_template/{name}</c>: create or replace a composable index template.</summary>
    [Put("/_index_template/{name}")]
    Task<IApiResponse<JsonElement>> PutIndexTemplateAsync(string name, [Body] JsonObject template, CancellationToken cancellationToken);

    /// <summary><c>PUT /{index}</c>: create an index (its template supplies mappings and alias); 400
    /// <c>resource_already_exists_exception</c> when it exists.</summary>
    [Put("/{index}")]
    Task<IApiResponse<JsonElement>> CreateIndexAsync(string index, [Body] JsonObject body, CancellationToken cancellationToken);

    /// <summary><c>POST /_bulk</c> with an NDJSON body (<c>application/x-ndjson</c>). Item failures come back with a 200.</summary>
    [Post("/_bulk")]
    Task<IApiResponse<BulkResponse>> BulkAsync([Body] HttpContent ndjson, CancellationToken cancellationToken);

    /// <summary><c>POST /{target}/_search</c>. A missing alias or index is an empty answer, not a 404.</summary>
    [Post("/{target}/_search?ignore_unavailable=true&allow_no_indices=true")]
    Task<IApiResponse<SearchResponse>> SearchAsync(string target, [Body] JsonObject body, CancellationToken cancellationToken);

    /// <summary><c>POST /{target}/_count</c>: exact number of documents matching <c>query</c>.</summary>
    [Post("/{target}/_count?ignore_unavailable=true&allow_no_indices=true")]
    Task<IApiResponse<CountResponse>> CountAsync(string target, [Body] JsonObject body, CancellationToken cancellationToken);

    /// <summary><c>POST /{target}/_refresh</c>: make everything indexed so far visible to searches.</summary>
    [Post("/{target}/_refresh?ignore_unavailable=true&allow_no_indices=true")]
    Task<IApiResponse<JsonElement>> RefreshAsync(string target, CancellationToken cancellationToken);

    /// <summary><c>GET /_cat/indices/{pattern}?format=json</c>: the concrete indices behind a pattern (for clean-up).</summary>
    [Get("/_cat/indices/{pattern}?format=json&h=index")]
    Task<IApiResponse<List<CatIndex>>> ListIndicesAsync(string pattern, CancellationToken cancellationToken);

    /// <summary><c>DELETE /{indices}</c>: concrete names only (wildcard deletes are refused by default in 8.x).</summary>
    [Delete("/{indices}")]
    Task<IApiResponse<JsonElement>> DeleteIndicesAsync(string indices, CancellationToken cancellationToken);

    /// <summary><c>DELETE /_index_template/{name}</c>.</summary>
    [Delete("/_index_template/{name}")]
    Task<IApiResponse<JsonElement>> DeleteIndexTemplateAsync(string name, CancellationToken cancellationToken);
}
