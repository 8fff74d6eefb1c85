using FinkTom.Query.OData;

namespace FinkTom.Server.OData;

/// <summary>One entity (<c>Alerts('…')</c>, <c>Objects('…')</c>) with its context URL.</summary>
internal sealed class EntityResult<T>(T row, IReadOnlyList<FeedProperty<T>> selected, FeedContext context, string? contextUrl,
    Action<FeedJsonWriter, T>? nested = null) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        context.StartAnswer(0, paged: false);
        await using var writer = new FeedJsonWriter(http.Response, context.NumbersAsStrings);
        writer.Json.WriteStartObject();
        if (contextUrl is not null)
            writer.Json.WriteString("@odata.context", contextUrl);
        writer.WriteProperties(row, selected);
        nested?.Invoke(writer, row);
        writer.Json.WriteEndObject();
    }
}
