namespace FinkTom.Query.OData;

/// <summary>
/// A request the feed refuses, answered as an OData error: 400 for an invalid query (unknown property, bad
/// literal, limit exceeded), 501 for valid OData the feed does not implement, 404 for an unknown resource.
/// </summary>
public sealed class ODataQueryException(string message, string? target = null, int statusCode = 400)
    : Exception(message)
{
    /// <summary>The query option or parameter at fault (<c>$filter</c>, <c>$top</c>, <c>radius</c>).</summary>
    public string? Target { get; init; } = target;

    public int StatusCode { get; } = statusCode;

    public static ODataQueryException NotImplemented(string message, string? target) => new(message, target, 501);

    public static ODataQueryException NotFound(string message) => new(message, null, 404);
}
