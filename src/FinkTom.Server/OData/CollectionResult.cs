using FinkTom.Core.Query;
using FinkTom.Query.OData;

namespace FinkTom.Server.OData;

/// <summary>
/// Answers a collection request with server-driven paging, streaming rows from the store to the response.
/// With no <c>$orderby</c>, or one sort key on a column every row has (<c>lastdate</c>, <c>jd</c>, <c>ra</c>...),
/// a source with a key order pages by keyset: the next page starts after the last (sort value, key) written, which
/// an index serves at any depth. Other orders page by offset. One row past the page is read to know whether a next
/// link is due, so a feed ends without an empty last page.
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
        catch (NotSupportedException e) when (!http.Response.HasStarted)
        {
            await ODataResults.Error(StatusCodes.Status501NotImplemented, "NotImplemented", e.Message, null).ExecuteAsync(http);
        }
    }

    /// <summary>
    /// Rows after (sort value v, key k) in the order "sort column, then key ascending": past v, or at v with a larger
    /// key. The redundant bound on the sort column lets the store walk its index from v instead of from the start.
    /// </summary>
    private Predicate After(string keyColumn, object key, SortKey? sort, string? sortText)
    {
        if (sort is null || sort.Column == keyColumn)
            return new ComparePredicate(keyColumn, sort?.Descending == true ? CompareOp.Lt : CompareOp.Gt, key);
        var value = source.ParseSortValue(sort.Column, sortText ?? throw new ODataQueryException("This $skiptoken does not fit this $orderby; follow @odata.nextLink as given.", "$skiptoken"));
        var (past, bound) = sort.Descending ? (CompareOp.Lt, CompareOp.Le) : (CompareOp.Gt, CompareOp.Ge);
        return new ComparePredicate(sort.Column, bound, value)
            & (new ComparePredicate(sort.Column, past, value) | (new ComparePredicate(sort.Column, CompareOp.Eq, value) & new ComparePredicate(keyColumn, past, key)));
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

        var sort = query.OrderBy.Count == 1 && source.KeysetSortColumns.Contains(query.OrderBy[0].Column) ? query.OrderBy[0] : null;
        var keyset = source.KeysetColumn is not null && (query.OrderBy.Count == 0 || sort is not null);
        var where = query.Where;
        int offset;
        if (keyset && token?.After is { } after)
        {
            var beyond = After(source.KeysetColumn!, source.KeyValue(after), sort, token.SortValue);
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
        object? lastSortValue = null;
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
                if (sort is not null)
                    lastSortValue = source.SortValue(row, sort.Column);
                written++;
                await writer.RowWrittenAsync(ct);
            }
        }
        var next = more && budget > written
            ? context.NextLink(new PageToken(delivered + written, keyset ? lastKey : null, count, pageSize) { SortValue = PageToken.Text(lastSortValue) })
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
