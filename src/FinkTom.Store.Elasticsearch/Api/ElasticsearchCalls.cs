using System.Text.Json;
using System.Text.Json.Nodes;

namespace FinkTom.Store.Elasticsearch.Api;

/// <summary>The API calls with back-off on "busy" answers and one exception type for every failure.</summary>
public sealed class ElasticsearchCalls(IElasticsearchApi api, Backoff backoff)
{
    public IElasticsearchApi Api { get; } = api;

    public Backoff Backoff { get; } = backoff;

    private static readonly SearchResponse NoHits = new(0, false, new SearchHits(null, []), null);

    public async Task<SearchResponse> SearchAsync(string target, JsonObject body, CancellationToken cancellationToken)
    {
        var response = await Backoff.RunAsync(ct => Api.SearchAsync(target, body, ct), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode && response.Content is not null)
            return response.Content;
        var failure = ElasticsearchException.From($"search in {target}", response);
        // Nothing written yet: no index behind the alias (should ignore_unavailable not cover it on some version).
        return failure.ErrorType == "index_not_found_exception" ? NoHits : throw failure;
    }

    public async Task<long> CountAsync(string target, JsonObject query, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["query"] = query };
        var response = await Backoff.RunAsync(ct => Api.CountAsync(target, body, ct), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode && response.Content is not null)
            return response.Content.Count;
        var failure = ElasticsearchException.From($"count in {target}", response);
        return failure.ErrorType == "index_not_found_exception" ? 0 : throw failure;
    }

    public async Task RefreshAsync(string targets, CancellationToken cancellationToken)
    {
        var response = await Backoff.RunAsync(ct => Api.RefreshAsync(targets, ct), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode && ElasticsearchException.From($"refresh of {targets}", response) is { ErrorType: not "index_not_found_exception" } failure)
            throw failure;
    }

    public async Task PutIndexTemplateAsync(string name, JsonObject template, CancellationToken cancellationToken)
    {
        var response = await Backoff.RunAsync(ct => Api.PutIndexTemplateAsync(name, template, ct), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw ElasticsearchException.From($"index template {name}", response);
    }

    /// <summary>Creates an index (its template gives mappings and alias); an index that already exists is fine.</summary>
    public async Task CreateIndexAsync(string index, CancellationToken cancellationToken)
    {
        var response = await Backoff.RunAsync(ct => Api.CreateIndexAsync(index, new JsonObject(), ct), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
            return;
        var failure = ElasticsearchException.From($"creating index {index}", response);
        if (failure.ErrorType is "resource_already_exists_exception")
            return;
        throw failure;
    }

    /// <summary><c>GET /</c>; null when the credentials may not read it (403: an API key without <c>monitor</c>).</summary>
    public async Task<ClusterInfo?> InfoAsync(CancellationToken cancellationToken)
    {
        var response = await Backoff.RunAsync(ct => Api.InfoAsync(ct), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode && response.Content is not null)
            return response.Content;
        return response.StatusCode == System.Net.HttpStatusCode.Forbidden ? null : throw ElasticsearchException.From("cluster information (GET /)", response);
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> for the cluster to be at least yellow (every primary shard allocated) and
    /// fails clearly when it stays red. A 403 (no <c>monitor</c> privilege) is not an error: the check is skipped.
    /// </summary>
    public async Task EnsureHealthyAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var timeout = $"{Math.Max(1, (int)wait.TotalSeconds)}s";
        var response = await Backoff.RunAsync(ct => Api.HealthAsync(timeout, ct), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.Forbidden)
            return;
        if (response.IsSuccessStatusCode && response.Content is { Status: "green" or "yellow" })
            return;
        // 408 is the documented answer when the wait for yellow timed out.
        var status = response.Content?.Status ?? (response.StatusCode == System.Net.HttpStatusCode.RequestTimeout ? "red" : null);
        if (status is not null)
            throw new ElasticsearchException($"The Elasticsearch cluster is {status} after waiting {timeout}: some primary shards are not allocated " +
                "(see GET _cluster/allocation/explain).", response.StatusCode);
        throw ElasticsearchException.From("cluster health", response);
    }

    /// <summary>Reads <c>aggregations.{name}</c> of a search answer.</summary>
    public static JsonElement Aggregation(SearchResponse response, string name) =>
        response.Aggregations is { } aggregations && aggregations.TryGetProperty(name, out var value)
            ? value
            : throw new ElasticsearchException($"The search answer has no aggregation '{name}'.");
}
