using System.Net.Http.Headers;
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
                var response = await SendAsync(request, items, cancellationToken).ConfigureAwait(false);
                for (var k = 0; k < request.Count; k++)
                {
                    var i = request[k];
                    var result = response.Items[k].Values.First();
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

    private async Task<BulkResponse> SendAsync(List<int> request, IReadOnlyList<BulkItem> items, CancellationToken cancellationToken)
    {
        var body = new byte[request.Sum(i => items[i].Lines.Length)];
        var offset = 0;
        foreach (var i in request)
        {
            items[i].Lines.CopyTo(body, offset);
            offset += items[i].Lines.Length;
        }
        var response = await calls.Backoff.RunAsync(ct =>
        {
            // A fresh content per try: HttpClient disposes the content it sent.
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            return calls.Api.BulkAsync(content, ct);
        }, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || response.Content is null)
            throw ElasticsearchException.From($"bulk request of {request.Count} documents ({body.Length:N0} bytes)", response);
        if (response.Content.Items.Count != request.Count)
            throw new ElasticsearchException($"Elasticsearch answered {response.Content.Items.Count} items to a bulk request of {request.Count}.");
        return response.Content;
    }
}
