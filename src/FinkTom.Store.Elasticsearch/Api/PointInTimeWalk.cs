using System.Text.Json.Nodes;

namespace FinkTom.Store.Elasticsearch.Api;

/// <summary>
/// A <c>search_after</c> walk through a point in time: every page reads the view of the indices as it was when the
/// walk began, so alerts stored meanwhile neither shift the pages nor appear half-way, and the total order (the sort
/// keys, then candid or object id) still decides where each page starts. Closed when disposed. Without an index behind
/// the target there is nothing to read, and every page is empty.
/// </summary>
public sealed class PointInTimeWalk : IAsyncDisposable
{
    /// <summary>How long the point in time stays open between two pages; each page extends it.</summary>
    public const string KeepAlive = "2m";

    private readonly ElasticsearchCalls _calls;
    private string? _id;

    private PointInTimeWalk(ElasticsearchCalls calls, string? id) => (_calls, _id) = (calls, id);

    public static async Task<PointInTimeWalk> OpenAsync(ElasticsearchCalls calls, string target, CancellationToken cancellationToken) =>
        new(calls, await calls.OpenPointInTimeAsync(target, KeepAlive, cancellationToken).ConfigureAwait(false));

    /// <summary>One page: <paramref name="body"/> (query, sort, size, search_after) searched in the point in time.</summary>
    public async Task<List<SearchHit>> PageAsync(JsonObject body, CancellationToken cancellationToken)
    {
        if (_id is null)
            return [];
        body["pit"] = new JsonObject { ["id"] = _id, ["keep_alive"] = KeepAlive };
        var response = await _calls.SearchPointInTimeAsync(body, cancellationToken).ConfigureAwait(false);
        _id = response.PitId ?? _id; // Elasticsearch may hand back a new id for the next page
        return response.Hits.Hits;
    }

    public async ValueTask DisposeAsync()
    {
        if (_id is { } id)
            await _calls.ClosePointInTimeAsync(id).ConfigureAwait(false);
        _id = null;
    }
}
