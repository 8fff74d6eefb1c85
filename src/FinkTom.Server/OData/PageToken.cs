using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FinkTom.Query.OData;

namespace FinkTom.Server.OData;

/// <summary>
/// The opaque <c>$skiptoken</c> of a <c>@odata.nextLink</c>: how many rows were already delivered (for <c>$top</c>
/// and offset paging), the last key for keyset paging (next page = key greater than it, which costs the same on
/// page 1,000 as on page 1 and neither repeats nor skips rows when alerts arrive meanwhile), the page size and
/// the count, so a <c>$count=true</c> feed is counted once, not on every page.
/// </summary>
internal sealed record PageToken(
    [property: JsonPropertyName("d")] long Delivered,
    [property: JsonPropertyName("k")] string? After,
    [property: JsonPropertyName("n")] long? Count,
    [property: JsonPropertyName("p")] int PageSize)
{
    /// <summary>The sort column's value in the last row written, for keyset paging under <c>$orderby</c>.</summary>
    [JsonPropertyName("s"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SortValue { get; init; }

    /// <summary>A sort value as exact text: doubles round-trip, so "equal to the last value" stays exact.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable n => n.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    public static PageToken Decode(string text)
    {
        try
        {
            var token = JsonSerializer.Deserialize<PageToken>(Base64Url.DecodeFromChars(text));
            if (token is { Delivered: >= 0, PageSize: > 0 } && token.Count is null or >= 0)
                return token;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
        }
        throw new ODataQueryException("This $skiptoken was not issued by this server; follow @odata.nextLink as given.", "$skiptoken");
    }
}
