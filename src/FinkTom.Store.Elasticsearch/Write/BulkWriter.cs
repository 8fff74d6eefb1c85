using FinkTom.Store.Elasticsearch.Api;

namespace FinkTom.Store.Elasticsearch.Write;

/// <summary>What happened to one bulk item.</summary>
public enum BulkItemStatus
{
    Created,
    /// <summary>409 on <c>create</c>: the document was stored before (a duplicate alert, a repeated history point); on an
    /// object summary, a summary of more alerts is stored already.</summary>
    AlreadyStored,
    Failed,
}

public sealed record BulkOutcome(IReadOnlyList<BulkItem> Items, IReadOnlyList<BulkItemStatus> Statuses, IReadOnlyList<BulkFailure> Failures)
{
    public int Count(BulkItemKind kind, BulkItemStatus status) =>
        Items.Where((item, i) => item.Kind == kind && Statuses[i] == status).Count();
}

/// <summary>
/// Sends bulk items in requests of at most <see cref="ElasticsearchStoreOptions.BulkMaxBytes"/>. A whole request
/// refused as busy (429/503) is sent again after a back-off; so are the single items a 200 answer reports as 429/503
/// (a full write queue on one node). Items refused for another reason (a mapping error, say), or still busy when the
/// retries run out, are returned as failures with Elasticsearch's reason: never dropped silently.
/// </summary>
public sealed class BulkWriter(ElasticsearchCalls calls, int maxBytes)
{
    public async Task<BulkOutcome> WriteAsync(IReadOnlyList<BulkItem> items, CancellationToken cancellationToken)
    {
        var statuses = new BulkItemStatus[items.Count];
        var failures = new Dictionary<int, BulkFailure>();
        var pending = Enumerable.Range(0, items.Count).ToList();
        for (var round = 0; pending.Count > 0; round++)
        {
            if (round > 0)
                await calls.Backoff.WaitAsync(round, cancellationToken).ConfigureAwait(false);
            var busy = new List<int>();
            foreach (var request in Requests(pending, items))
            {
                var answers = (await SendAsync(request, items, cancellationToken).ConfigureAwait(false)).Items.ToList();
                for (var k = 0; k < request.Count; k++)
                {
                    var i = request[k];
                    var result = answers[k];
                    if (result.Status is >= 200 and < 300)
                        statuses[i] = BulkItemStatus.Created;
                    else if (result.Status == 409 && (items[i].Create || items[i].Kind == BulkItemKind.Object))
                        statuses[i] = BulkItemStatus.AlreadyStored;
                    else
                    {
                        statuses[i] = BulkItemStatus.Failed;
                        failures[i] = new BulkFailure(items[i].Index, items[i].Id, result.Status, result.Error?.Type, result.Error?.Reason);
                        if (Backoff.IsBusy((System.Net.HttpStatusCode)result.Status) && round < calls.Backoff.MaxRetries)
                            busy.Add(i);
                    }
                }
            }
            foreach (var i in busy)
                failures.Remove(i);
            pending = busy;
        }
        return new BulkOutcome(items, statuses, failures.OrderBy(f => f.Key).Select(f => f.Value).ToList());
    }

    /// <summary>Groups item indexes into requests no bigger than the limit (one oversized item goes alone).</summary>
    private IEnumerable<List<int>> Requests(List<int> pending, IReadOnlyList<BulkItem> items)
    {
        var request = new List<int>();
        long bytes = 0;
        foreach (var i in pending)
        {
            if (request.Count > 0 && bytes + items[i].Lines.Length > maxBytes)
            {
                yield return request;
                request = [];
                bytes = 0;
            }
            request.Add(i);
            bytes += items[i].Lines.Length;
        }
        if (request.Count > 0)
            yield return request;
    }

    private async Task<Elastic.Clients.Elasticsearch.BulkResponse> SendAsync(List<int> request, IReadOnlyList<BulkItem> items, CancellationToken cancellationToken)
    {
        var body = new byte[request.Sum(i => items[i].Lines.Length)];
        var offset = 0;
        foreach (var i in request)
        {
            items[i].Lines.CopyTo(body, offset);
            offset += items[i].Lines.Length;
        }
        var response = await calls.BulkAsync(body, cancellationToken).ConfigureAwait(false);
        // Item failures come back in a 200 answer (IsValidResponse is false then): only a failed request as a whole is thrown.
        if (!response.ApiCallDetails.HasSuccessfulStatusCode)
            throw ElasticsearchException.From($"bulk request of {request.Count} documents ({body.Length:N0} bytes)", response);
        if (response.Items.Count != request.Count)
            throw new ElasticsearchException($"Elasticsearch answered {response.Items.Count} items to a bulk request of {request.Count}.");
        return response;
    }
}
