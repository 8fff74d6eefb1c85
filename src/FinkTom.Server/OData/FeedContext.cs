using System.Globalization;
using FinkTom.Query.OData;

namespace FinkTom.Server.OData;

/// <summary>
/// What one request asks of the feed's answer format: the service root for links, the metadata level
/// (<c>minimal</c> or <c>none</c>), 64-bit numbers as strings (<c>IEEE754Compatible=true</c>), the page size
/// (<c>Prefer: odata.maxpagesize</c>), and the original URL from which next links are made.
/// </summary>
internal sealed class FeedContext
{
    private FeedContext(HttpContext http, ODataFeedOptions options)
    {
        Http = http;
        Options = options;
        var request = http.Request;
        ServiceRoot = $"{request.Scheme}://{request.Host}{request.PathBase}{ODataFeed.RoutePrefix}/";
    }

    public HttpContext Http { get; }

    public ODataFeedOptions Options { get; }

    /// <summary>Absolute URL of the service root, ending with a slash.</summary>
    public string ServiceRoot { get; }

    public bool NoMetadata { get; private set; }

    public bool NumbersAsStrings { get; private set; }

    /// <summary>The page size the client prefers, capped at the maximum; null when it states none.</summary>
    public int? PreferredPageSize { get; private set; }

    public string ContentType =>
        $"application/json;odata.metadata={(NoMetadata ? "none" : "minimal")};odata.streaming=true;IEEE754Compatible={(NumbersAsStrings ? "true" : "false")};charset=utf-8";

    /// <summary>Reads the negotiation headers; throws 406 when the client cannot take OData 4.0 JSON.</summary>
    public static FeedContext Negotiate(HttpContext http, ODataFeedOptions options)
    {
        var context = new FeedContext(http, options);
        var request = http.Request;
        if (request.Headers.TryGetValue("OData-MaxVersion", out var max) &&
            double.TryParse(max.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var version) && version < 4.0)
            throw new ODataQueryException($"This service speaks OData 4.0; the request allows at most {max}.", "OData-MaxVersion", StatusCodes.Status406NotAcceptable);

        var format = request.Query["$format"].ToString();
        var accept = format.Length > 0 ? FormatToMediaType(format) : request.Headers.Accept.ToString();
        if (accept.Length > 0 && !AcceptsJson(accept))
            throw new ODataQueryException("This feed answers in OData JSON (application/json); the request accepts none of it.",
                format.Length > 0 ? "$format" : "Accept", StatusCodes.Status406NotAcceptable);
        context.NoMetadata = accept.Contains("odata.metadata=none", StringComparison.OrdinalIgnoreCase);
        context.NumbersAsStrings = accept.Contains("IEEE754Compatible=true", StringComparison.OrdinalIgnoreCase);

        foreach (var preference in request.Headers["Prefer"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries)))
        {
            var parts = preference.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].Equals("odata.maxpagesize", StringComparison.OrdinalIgnoreCase) &&
                int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0)
                context.PreferredPageSize = Math.Min(size, options.MaxPageSize);
        }
        return context;
    }

    private static string FormatToMediaType(string format) => format.Trim().ToLowerInvariant() switch
    {
        "json" => "application/json",
        var other => other,
    };

    private static bool AcceptsJson(string accept) =>
        accept.Split(',').Select(range => range.Split(';')[0].Trim()).Any(type =>
            type is "*/*" or "application/*" || type.Equals("application/json", StringComparison.OrdinalIgnoreCase));

    public void StartAnswer(int pageSize, bool paged)
    {
        var response = Http.Response;
        ODataResults.SetVersion(response);
        response.ContentType = ContentType;
        if (paged && PreferredPageSize is not null)
            response.Headers["Preference-Applied"] = $"odata.maxpagesize={pageSize}";
    }

    /// <summary>The context URL of an answer: <c>{root}$metadata#Alerts(candid,jd)</c>; null with metadata=none.</summary>
    public string? ContextUrl(string set, string? select, bool entity = false) =>
        NoMetadata ? null : $"{ServiceRoot}$metadata#{set}{(select is null ? "" : $"({select})")}{(entity ? "/$entity" : "")}";

    /// <summary>The request's own URL with its <c>$skiptoken</c> replaced: every other option (and an API key) is kept as sent.</summary>
    public string NextLink(PageToken token)
    {
        var request = Http.Request;
        var pairs = (request.QueryString.Value ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => Uri.UnescapeDataString(pair.Split('=', 2)[0]) is not ("$skiptoken" or "skiptoken"))
            .Append("$skiptoken=" + token.Encode());
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join('&', pairs)}";
    }
}
