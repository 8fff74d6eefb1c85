namespace FinkTom.Server.OData;

/// <summary>Settings of the OData feed, bound from the <c>OData</c> configuration section.</summary>
public sealed class ODataFeedOptions
{
    public const string SectionName = "OData";

    /// <summary>Rows per page when the client states no preference (<c>Prefer: odata.maxpagesize</c>).</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>The largest page a client may ask for with <c>Prefer: odata.maxpagesize</c>.</summary>
    public int MaxPageSize { get; set; } = 10_000;

    /// <summary>The largest <c>$top</c>: rows one request may ask for in all, across its pages.</summary>
    public long MaxTop { get; set; } = 1_000_000;

    /// <summary>Objects per page when their alerts are expanded (<c>$expand=Alerts</c>).</summary>
    public int ExpandPageSize { get; set; } = 100;

    /// <summary>The most alerts one page of <c>$expand=Alerts</c> may carry; beyond it the request is refused.</summary>
    public int MaxExpandedAlerts { get; set; } = 100_000;

    public ODataAuthOptions Auth { get; set; } = new();
}

/// <summary>Who may read the feed. With no key and no user configured, only the local machine may (Anonymous = Loopback).</summary>
public sealed class ODataAuthOptions
{
    /// <summary><c>Loopback</c> (default): anonymous requests only from this machine; <c>Always</c>; <c>Never</c>.</summary>
    public AnonymousAccess Anonymous { get; set; } = AnonymousAccess.Loopback;

    /// <summary>API keys accepted in the <see cref="ApiKeyHeader"/> header, the <see cref="ApiKeyQueryParameter"/>
    /// query parameter (Excel's "Web API" credentials), or as the password of HTTP Basic with any user name.</summary>
    public List<string> ApiKeys { get; set; } = [];

    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    public string ApiKeyQueryParameter { get; set; } = "apikey";

    /// <summary>HTTP Basic users: name → password.</summary>
    public Dictionary<string, string> Users { get; set; } = [];
}

public enum AnonymousAccess
{
    Loopback,
    Always,
    Never,
}
