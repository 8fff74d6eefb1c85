using FinkTom.Core.Query;

namespace FinkTom.Server.OData;

/// <summary>
/// Answers a collection request with server-driven paging, streaming rows from the store to the response.
/// With no <c>$orderby</c> a source with a key order pages by keyset (next page: key greater than the last one
/// written); otherwise by offset. One row past the page is read to know whether a next link is due, so a feed
/// ends without an empty last page.
/// </summary>
internal sealed class CollectionResult<T>(IFeedSource<T> source, FeedQuery<T> query, FeedContext context, IFeedExpansion<T>? expansion = null) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        try
        {
            await WriteAsync(http);
        }
        catch (ODataQueryException e) when (!http.Response.HasStarted)
        {
            await ODataResults.Error(e).ExecuteAsync(http);
        }
    }

    private async Task WriteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var token = query.Token;
        var pageSize = token?.PageSize ?? context.PreferredPageSize ?? context.Options.PageSize;
        if (expansion is not null)
            pageSize = Math.Min(pageSize, context.Options.ExpandPageSize);
        var delivered = token?.Delivered ?? 0;
        var budget = query.Top is { } top ? top - delivered : long.MaxValue;
        var limit = (int)Math.Clamp(budget, 0, pageSize);

        var keyset = query.OrderBy.Count == 0 && source.KeysetColumn is not null;
        var where = query.Where;
        int offset;
        if (keyset && token?.After is { } after)
        {
            var beyond = new ComparePredicate(source.KeysetColumn!, CompareOp.Gt, source.KeyValue(after));
            where = where is null ? beyond : where & beyond;
            offset = 0;
        }
        else
        {
            offset = (int)Math.Min(int.MaxValue, query.Skip + (keyset ? 0 : delivered));
        }
        var count = query.Count ? token?.Count ?? await source.CountAsync(query.Where, ct) : (long?)null;

        // Rows are read before anything is written only when their alerts must be expanded (bounded by ExpandPageSize).
        var order = query.OrderBy.Count > 0 ? query.OrderBy : source.DefaultOrder;
        var rows = source.ReadAsync(where, order, offset, limit + 1, query.Selected, ct);
        List<T>? page = null;
        if (expansion is not null && limit > 0)
        {
            page = [];
            await foreach (var row in rows)
                page.Add(row);
            await expansion.LoadAsync(page.Take(limit).ToList(), ct);
        }

        context.StartAnswer(pageSize, paged: true);
        await using var writer = new FeedJsonWriter(http.Response, context.NumbersAsStrings);
        writer.StartCollection(context.ContextUrl(source.Set.Name, expansion?.ContextSelect(query.SelectText) ?? query.SelectText), count);
        var written = 0;
        var more = false;
        string? lastKey = null;
        Action<FeedJsonWriter, T>? nested = expansion is null ? null : expansion.Write;
        if (limit > 0)
        {
            await foreach (var row in page?.ToAsyncEnumerable() ?? rows)
            {
                if (written == limit)
                {
                    more = true;
                    break;
                }
                writer.WriteEntity(row, query.Selected, nested);
                lastKey = source.KeyText(row);
                written++;
                await writer.RowWrittenAsync(ct);
            }
        }
        var next = more && budget > written
            ? context.NextLink(new PageToken(delivered + written, keyset ? lastKey : null, count, pageSize))
            : null;
        writer.EndCollection(next);
    }
}

/// <summary>Related rows written inside each entity of a page (<c>$expand</c>), loaded once per page.</summary>
internal interface IFeedExpansion<T>
{
    Task LoadAsync(IReadOnlyList<T> page, CancellationToken cancellationToken);

    void Write(FeedJsonWriter writer, T row);

    /// <summary>The context URL's select list with the expansion in it.</summary>
    string? ContextSelect(string? select);
}
