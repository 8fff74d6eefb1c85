using System.Text.RegularExpressions;

namespace FinkTom.Store.Elasticsearch;

/// <summary>How FinkTom reaches its Elasticsearch cluster and lays out its indices. Bound from <c>Store:Elasticsearch</c>.</summary>
public sealed partial class ElasticsearchStoreOptions
{
    public const string SectionName = "Store:Elasticsearch";

    /// <summary>Cluster address, e.g. <c>http://localhost:9200</c> or <c>https://es.example.org:9200</c>; several nodes
    /// separated by commas (or listed in <see cref="Urls"/>): the client spreads requests over them and fails over.</summary>
    public string Url { get; set; } = "http://localhost:9200";

    /// <summary>The cluster's nodes, one address each (<c>Store:Elasticsearch:Urls:0</c>, <c>…:1</c>); when given, <see cref="Url"/> is not used.</summary>
    public List<string> Urls { get; set; } = [];

    /// <summary>API key as Elasticsearch returns it in <c>encoded</c> (base64 of <c>id:key</c>); sent as <c>Authorization: ApiKey …</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Basic authentication, used when no API key is given.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>PEM file of the CA that signed the cluster's HTTP certificate (Elasticsearch 8 generates <c>http_ca.crt</c>).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>Instead of the CA file: the SHA-256 fingerprint of that CA certificate (hex, colons allowed), as
    /// Elasticsearch prints it at first start and <c>openssl x509 -fingerprint -sha256</c> shows it.</summary>
    public string? CaCertificateFingerprint { get; set; }

    /// <summary>Every index, alias and template name starts with this (lowercase; several FinkTom instances can share a cluster).</summary>
    public string IndexPrefix { get; set; } = "finktom";

    /// <summary>One index per month (ZTF-scale, the default) or per day (Rubin-scale) of observation time.</summary>
    public IndexPeriod IndexPeriod { get; set; } = IndexPeriod.Month;

    /// <summary>Primary shards of each period index. Aim at 10–50 GB per shard.</summary>
    public int Shards { get; set; } = 1;

    /// <summary>Primary shards of each period's cutouts index: stamps are about ten times the size of the alerts.</summary>
    public int CutoutShards { get; set; } = 1;

    /// <summary>Replicas of each shard; 0 on a single node (a replica could never be allocated there).</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>Keep the three stamps of each alert (about 40 kB of the ~45 kB an alert takes on disk). Without them
    /// <c>/api/v1/cutouts</c> answers 404 and <c>withcutouts</c> returns no stamps.</summary>
    public bool StoreCutouts { get; set; } = true;

    /// <summary>Upper bound of one <c>_bulk</c> request body; Elasticsearch advises a few MB to a few tens of MB.</summary>
    public int BulkMaxBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>How often a request refused with 429/503 (cluster busy) or a lost connection is tried again.</summary>
    public int MaxRetries { get; set; } = 6;

    /// <summary>First back-off delay; doubled at each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Timeout of one HTTP request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// After this process writes, the next read refreshes the indices first so that it sees the new alerts, as the
    /// embedded store does. Turn off on a server that ingests a live stream fast: Elasticsearch's own 1-second refresh
    /// is enough there and refreshing before every query would make many small segments.
    /// </summary>
    public bool ReadYourWrites { get; set; } = true;

    /// <summary>"One row per object" queries whose order is not newest-first gather every matching object; more than
    /// this many is refused with a clear error instead of exhausting memory (about 100 bytes per object).</summary>
    public int MaxLatestPerObjectGroups { get; set; } = 2_000_000;

    // Elasticsearch index names: lowercase, none of \ / * ? " < > | , # : or space, not starting with - _ +.
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,100}$")]
    private static partial Regex IndexPrefixPattern();

    [GeneratedRegex("^[0-9A-Fa-f]{2}(:?[0-9A-Fa-f]{2}){31}$")]
    private static partial Regex Sha256Pattern();

    /// <summary>The node addresses: <see cref="Urls"/> when given, else the comma-separated <see cref="Url"/>.</summary>
    public IReadOnlyList<Uri> NodeUris() =>
        Addresses().Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri : null).OfType<Uri>().ToList();

    private IEnumerable<string> Addresses() =>
        (Urls is { Count: > 0 } ? Urls : (IEnumerable<string>)(Url ?? "").Split(',')).Select(a => a.Trim());

    /// <summary>Every problem with the options, in words a user can act on; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var where = Urls is { Count: > 0 } ? "Store:Elasticsearch:Urls" : "Store:Elasticsearch:Url";
        var schemes = new HashSet<string>();
        foreach (var address in Addresses())
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                problems.Add($"{where} must be an absolute http:// or https:// address, got '{address}'.");
            else if (!string.IsNullOrEmpty(uri.Query) || uri.Fragment.Length > 0)
                problems.Add($"{where} must not carry a query string or fragment.");
            else if (uri.UserInfo.Length > 0)
                problems.Add($"{where} must not hold credentials: set Username/Password (or ApiKey) instead, so they stay out of logs.");
            else
                schemes.Add(uri.Scheme);
        }
        if (schemes.Count > 1)
            problems.Add($"{where}: every node must use the same scheme (all http:// or all https://).");
        if (CaCertificatePath is { Length: > 0 } && CaCertificateFingerprint is { Length: > 0 })
            problems.Add("Store:Elasticsearch: give either CaCertificatePath or CaCertificateFingerprint, not both.");
        if (CaCertificateFingerprint is { Length: > 0 } fingerprint && !Sha256Pattern().IsMatch(fingerprint))
            problems.Add($"Store:Elasticsearch:CaCertificateFingerprint must be a SHA-256 fingerprint (64 hex digits, colons allowed), got '{fingerprint}'.");
        if (!string.IsNullOrEmpty(ApiKey) && (!string.IsNullOrEmpty(Username) || !string.IsNullOrEmpty(Password)))
            problems.Add("Store:Elasticsearch: give either ApiKey or Username/Password, not both.");
        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
            problems.Add("Store:Elasticsearch: Username and Password go together.");
        if (CaCertificatePath is { Length: > 0 } ca && !File.Exists(ca))
            problems.Add($"Store:Elasticsearch:CaCertificatePath: no file at '{ca}'.");
        if (!IndexPrefixPattern().IsMatch(IndexPrefix ?? ""))
            problems.Add($"Store:Elasticsearch:IndexPrefix must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit, got '{IndexPrefix}'.");
        if (!Enum.IsDefined(IndexPeriod))
            problems.Add("Store:Elasticsearch:IndexPeriod must be Month or Day.");
        if (Shards is < 1 or > 1024)
            problems.Add($"Store:Elasticsearch:Shards must be between 1 and 1024, got {Shards}.");
        if (CutoutShards is < 1 or > 1024)
            problems.Add($"Store:Elasticsearch:CutoutShards must be between 1 and 1024, got {CutoutShards}.");
        if (Replicas is < 0 or > 16)
            problems.Add($"Store:Elasticsearch:Replicas must be between 0 and 16, got {Replicas}.");
        if (BulkMaxBytes is < 64 * 1024 or > 100 * 1024 * 1024)
            problems.Add($"Store:Elasticsearch:BulkMaxBytes must be between 64 KiB and 100 MiB (Elasticsearch's http.max_content_length), got {BulkMaxBytes}.");
        if (MaxRetries is < 0 or > 20)
            problems.Add($"Store:Elasticsearch:MaxRetries must be between 0 and 20, got {MaxRetries}.");
        if (RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromMinutes(1))
            problems.Add("Store:Elasticsearch:RetryBaseDelay must be between 0 and 1 minute.");
        if (RequestTimeout <= TimeSpan.Zero)
            problems.Add("Store:Elasticsearch:RequestTimeout must be positive.");
        if (MaxLatestPerObjectGroups < 1)
            problems.Add("Store:Elasticsearch:MaxLatestPerObjectGroups must be positive.");
        return problems;
    }
}

/// <summary>How observation time splits the data into indices.</summary>
public enum IndexPeriod
{
    Month,
    Day,
}
