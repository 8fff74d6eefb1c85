using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Cluster;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Transport;
using EsHttpMethod = Elastic.Transport.HttpMethod;

namespace FinkTom.Store.Elasticsearch.Api;

/// <summary>
/// Every call FinkTom makes to Elasticsearch, through the official client (<see cref="ElasticsearchClient"/>), with
/// back-off on "busy" answers and one exception type for every failure. Typed client calls where the client expresses
/// the request; where FinkTom builds the body itself as query DSL (searches, counts, index templates, bulk lines),
/// the body goes as it is through the client's own transport — same nodes, credentials, TLS, product check and
/// versioned media types — and the answer is read with the typed response or FinkTom's small records.
/// </summary>
public sealed class ElasticsearchCalls(ElasticsearchClient client, Backoff backoff)
{
    public ElasticsearchClient Client { get; } = client;

    public Backoff Backoff { get; } = backoff;

    private static readonly SearchResponse NoHits = new(0, false, new SearchHits(null, []), null);

    /// <summary>Media type of a bulk body for the REST API version the client speaks.</summary>
    private const string NdJson = "application/vnd.elasticsearch+x-ndjson;compatible-with=9";

    // Plain REST through the client's transport: the search bodies are query DSL built by Query/*Dsl.cs (and checked
    // field by field in QueryBodyTests). Read into the client's typed Query they come back re-shaped (short term forms
    // expanded, one-clause arrays collapsed, script keys reordered: tried, same meaning, not the bodies tested), and
    // the typed SearchAsync would turn the aggregation answers into typed aggregates (typed_keys) that the readers do
    // not use. Missing alias or index: an empty answer, not a 404.
    public async Task<SearchResponse> SearchAsync(string target, JsonObject body, CancellationToken cancellationToken)
    {
        var response = await SendAsync(EsHttpMethod.POST, $"/{target}/_search?ignore_unavailable=true&allow_no_indices=true", body, cancellationToken).ConfigureAwait(false);
        if (response.ApiCallDetails.HasSuccessfulStatusCode)
            return JsonSerializer.Deserialize(response.Body, ElasticsearchJsonContext.Default.SearchResponse)
                ?? throw new ElasticsearchException($"search in {target}: empty answer");
        var failure = ElasticsearchException.From($"search in {target}", response);
        // Nothing written yet: no index behind the alias (should ignore_unavailable not cover it on some version).
        return failure.ErrorType == "index_not_found_exception" ? NoHits : throw failure;
    }

    // Plain REST through the client's transport: the query is DSL built by Query/*Dsl.cs, as for searches.
    public async Task<long> CountAsync(string target, JsonObject query, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["query"] = query };
        var response = await SendAsync(EsHttpMethod.POST, $"/{target}/_count?ignore_unavailable=true&allow_no_indices=true", body, cancellationToken).ConfigureAwait(false);
        if (response.ApiCallDetails.HasSuccessfulStatusCode)
            return JsonSerializer.Deserialize(response.Body, ElasticsearchJsonContext.Default.CountResponse)?.Count
                ?? throw new ElasticsearchException($"count in {target}: empty answer");
        var failure = ElasticsearchException.From($"count in {target}", response);
        return failure.ErrorType == "index_not_found_exception" ? 0 : throw failure;
    }

    public async Task RefreshAsync(string targets, CancellationToken cancellationToken)
    {
        var request = new RefreshRequest(Indices.Parse(targets)) { IgnoreUnavailable = true, AllowNoIndices = true };
        var response = await Backoff.RunAsync(ct => Client.Indices.RefreshAsync(request, ct), cancellationToken).ConfigureAwait(false);
        if (!response.IsValidResponse && ElasticsearchException.From($"refresh of {targets}", response) is { ErrorType: not "index_not_found_exception" } failure)
            throw failure;
    }

    // Plain REST through the client's transport: the templates are built as JSON by Mapping/IndexTemplates.cs (strict
    // mappings, checked key by key in IndexTemplateTests) and sent as they are.
    public async Task PutIndexTemplateAsync(string name, JsonObject template, CancellationToken cancellationToken)
    {
        var response = await SendAsync(EsHttpMethod.PUT, $"/_index_template/{Uri.EscapeDataString(name)}", template, cancellationToken).ConfigureAwait(false);
        if (!response.ApiCallDetails.HasSuccessfulStatusCode)
            throw ElasticsearchException.From($"index template {name}", response);
    }

    /// <summary>Creates an index (its template gives mappings and alias, or <paramref name="body"/> does); an index that
    /// already exists is fine.</summary>
    public async Task CreateIndexAsync(string index, CancellationToken cancellationToken, JsonObject? body = null)
    {
        // With a body (mappings built as JSON, as the templates are): plain REST through the client's transport.
        TransportResponse response = body is null
            ? await Backoff.RunAsync(ct => Client.Indices.CreateAsync(new CreateIndexRequest(index), ct), cancellationToken).ConfigureAwait(false)
            : await SendAsync(EsHttpMethod.PUT, $"/{Uri.EscapeDataString(index)}", body, cancellationToken).ConfigureAwait(false);
        if (response.ApiCallDetails.HasSuccessfulStatusCode)
            return;
        var failure = ElasticsearchException.From($"creating index {index}", response);
        if (failure.ErrorType is "resource_already_exists_exception")
            return;
        throw failure;
    }

    /// <summary>
    /// Opens a point in time on <paramref name="target"/> (typed client call), so that a <c>search_after</c> walk reads
    /// one unchanging view of the indices while ingestion goes on. Null when no index is behind the target yet.
    /// </summary>
    public async Task<string?> OpenPointInTimeAsync(string target, string keepAlive, CancellationToken cancellationToken)
    {
        var request = new OpenPointInTimeRequest(Indices.Parse(target)) { KeepAlive = keepAlive, IgnoreUnavailable = true };
        var response = await Backoff.RunAsync(ct => Client.OpenPointInTimeAsync(request, ct), cancellationToken).ConfigureAwait(false);
        if (response.IsValidResponse)
            return response.Id;
        var failure = ElasticsearchException.From($"point in time on {target}", response);
        return failure.ErrorType == "index_not_found_exception" ? null : throw failure;
    }

    /// <summary>Closes a point in time (typed client call); best effort: an unclosed one expires after its keep-alive.</summary>
    public async Task ClosePointInTimeAsync(string id)
    {
        try
        {
            await Client.ClosePointInTimeAsync(new ClosePointInTimeRequest { Id = id }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Expires on its own.
        }
    }

    // Plain REST through the client's transport, as for SearchAsync: a search in a point in time names no index (the
    // body's "pit" does). The answer carries the point in time's id for the next page.
    public async Task<SearchResponse> SearchPointInTimeAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var response = await SendAsync(EsHttpMethod.POST, "/_search", body, cancellationToken).ConfigureAwait(false);
        if (response.ApiCallDetails.HasSuccessfulStatusCode)
            return JsonSerializer.Deserialize(response.Body, ElasticsearchJsonContext.Default.SearchResponse)
                ?? throw new ElasticsearchException("search in a point in time: empty answer");
        throw ElasticsearchException.From("search in a point in time", response);
    }

    /// <summary><c>GET /</c>; null when the credentials may not read it (403: an API key without <c>monitor</c>).</summary>
    public async Task<ClusterInfo?> InfoAsync(CancellationToken cancellationToken)
    {
        var response = await Backoff.RunAsync(ct => Client.InfoAsync(new InfoRequest(), ct), cancellationToken).ConfigureAwait(false);
        if (response.IsValidResponse)
            return new ClusterInfo(response.ClusterName, new ClusterVersion(response.Version.Number, response.Version.BuildFlavor));
        return response.ApiCallDetails.HttpStatusCode == 403 ? null : throw ElasticsearchException.From("cluster information (GET /)", response);
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> for the cluster to be at least yellow (every primary shard allocated) and
    /// fails clearly when it stays red. A 403 (no <c>monitor</c> privilege) is not an error: the check is skipped.
    /// </summary>
    public async Task EnsureHealthyAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var timeout = $"{Math.Max(1, (int)wait.TotalSeconds)}s";
        var request = new HealthRequest { WaitForStatus = HealthStatus.Yellow, Timeout = TimeSpan.FromSeconds(Math.Max(1, (int)wait.TotalSeconds)) };
        var response = await Backoff.RunAsync(ct => Client.Cluster.HealthAsync(request, ct), cancellationToken).ConfigureAwait(false);
        var status = response.ApiCallDetails.HttpStatusCode;
        if (status == 403)
            return;
        if (response.IsValidResponse && response.Status is HealthStatus.Green or HealthStatus.Yellow)
            return;
        // 408 is the documented answer when the wait for yellow timed out.
        var health = response.IsValidResponse ? response.Status.ToString().ToLowerInvariant() : status == 408 ? "red" : null;
        if (health is not null)
            throw new ElasticsearchException($"The Elasticsearch cluster is {health} after waiting {timeout}: some primary shards are not allocated " +
                "(see GET _cluster/allocation/explain).", (System.Net.HttpStatusCode?)status);
        throw ElasticsearchException.From("cluster health", response);
    }

    /// <summary>
    /// <c>POST /_bulk</c> with FinkTom's ready-made NDJSON lines (<see cref="Write.BulkItem"/>: create/index/update with
    /// external versions) through the client's transport; the answer is the client's typed <see cref="BulkResponse"/>,
    /// one item per line pair, in order. A fresh body per try.
    /// </summary>
    public Task<Elastic.Clients.Elasticsearch.BulkResponse> BulkAsync(byte[] ndjson, CancellationToken cancellationToken) =>
        Backoff.RunAsync(ct => Client.Transport.RequestAsync<Elastic.Clients.Elasticsearch.BulkResponse>(
            new EndpointPath(EsHttpMethod.POST, "/_bulk"), PostData.Bytes(ndjson), null, new RequestConfiguration { ContentType = NdJson }, ct), cancellationToken);

    private Task<StringResponse> SendAsync(EsHttpMethod method, string path, JsonObject body, CancellationToken cancellationToken) =>
        Backoff.RunAsync(ct => Client.Transport.RequestAsync<StringResponse>(new EndpointPath(method, path), PostData.String(body.ToJsonString()), null, null, ct),
            cancellationToken);

    /// <summary>Reads <c>aggregations.{name}</c> of a search answer.</summary>
    public static JsonElement Aggregation(SearchResponse response, string name) =>
        response.Aggregations is { } aggregations && aggregations.TryGetProperty(name, out var value)
            ? value
            : throw new ElasticsearchException($"The search answer has no aggregation '{name}'.");
}
