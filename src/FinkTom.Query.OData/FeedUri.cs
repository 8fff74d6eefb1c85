using Microsoft.OData.UriParser;

namespace FinkTom.Query.OData;

/// <summary>How the feed reads URLs: names case-insensitively, the Cone function with or without its namespace.</summary>
public static class FeedUri
{
    public static ODataUriResolver NewResolver() => new UnqualifiedODataUriResolver { EnableCaseInsensitive = true };

    /// <summary>System query options the feed does not implement (valid OData, answered 501).</summary>
    public static readonly string[] Unsupported = ["$apply", "$search", "$compute", "$index", "$deltatoken", "$levels", "$schemaversion"];
}
