namespace FinkTom.Server.Proxy;

/// <summary>
/// Proxy mode (<c>Upstream</c> section): where the upstream Fink API is, how long to wait for it, how hard to retry,
/// and how long its answers stay fresh. Off while <see cref="Url"/> is empty.
/// </summary>
public sealed class UpstreamOptions
{
    public const string SectionName = "Upstream";

    /// <summary>The upstream's root, e.g. Fink's public ZTF API <c>https://api.ztf.fink-portal.org</c>; empty = proxy mode off.</summary>
    public Uri? Url { get; set; }

    public bool Enabled => Url is not null;

    /// <summary>One attempt (headers and body).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>All attempts of one call together, retries and back-off included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Retries after a timeout, a connection failure, a 5xx, 408 or 429; exponential back-off with jitter from <see cref="RetryDelay"/>.</summary>
    public int Retries { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Circuit breaker: open when this share of calls fails within <see cref="CircuitSamplingDuration"/> (at least <see cref="CircuitMinimumCalls"/> calls).</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    public int CircuitMinimumCalls { get; set; } = 10;

    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the circuit stays open (no upstream call, stale answers or 503) before one trial call.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upstream calls per second (a token bucket of this size); calls beyond wait in a queue of <see cref="MaxQueuedRequests"/>.</summary>
    public int MaxRequestsPerSecond { get; set; } = 5;

    public int MaxQueuedRequests { get; set; } = 100;

    /// <summary>Largest upstream answer read; a larger one is refused with a 502, never buffered whole.</summary>
    public int MaxResponseMiB { get; set; } = 64;

    /// <summary>After a cone search fetched upstream, also fetch (and store) the full alerts of at most this many of
    /// its objects, so they become queryable locally; 0 turns it off.</summary>
    public int ConeFollowUpObjects { get; set; } = 100;

    public UpstreamCacheOptions Cache { get; set; } = new();

    /// <summary>The reason the options are unusable, or null.</summary>
    public string? Problem() =>
        Url is not null && (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
            ? $"Upstream:Url must be an absolute http(s) URL, got '{Url}'."
        : Timeout <= TimeSpan.Zero || TotalTimeout < Timeout
            ? "Upstream:Timeout must be positive and Upstream:TotalTimeout at least as long."
        : Retries is < 0 or > 10 ? "Upstream:Retries must be between 0 and 10."
        : RetryDelay < TimeSpan.Zero ? "Upstream:RetryDelay must not be negative."
        : CircuitFailureRatio is <= 0 or > 1 ? "Upstream:CircuitFailureRatio must be in (0, 1]."
        : CircuitMinimumCalls < 2 ? "Upstream:CircuitMinimumCalls must be at least 2."
        : CircuitSamplingDuration < TimeSpan.FromMilliseconds(500) || CircuitBreakDuration < TimeSpan.FromMilliseconds(500)
            ? "Upstream:CircuitSamplingDuration and CircuitBreakDuration must be at least 0.5 s."
        : MaxRequestsPerSecond < 1 || MaxQueuedRequests < 0 ? "Upstream:MaxRequestsPerSecond must be at least 1 and MaxQueuedRequests not negative."
        : MaxResponseMiB is < 1 or > 1024 ? "Upstream:MaxResponseMiB must be between 1 and 1024."
        : ConeFollowUpObjects is < 0 or > 1000 ? "Upstream:ConeFollowUpObjects must be between 0 and 1000."
        : Cache.Problem();
}

/// <summary>How long upstream answers stay fresh per endpoint, how long a stale one may still be served when upstream
/// fails, and how much memory the cache may hold.</summary>
public sealed class UpstreamCacheOptions
{
    public TimeSpan Objects { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan ConeSearch { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan Latests { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan Anomaly { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan Tracklet { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan Sso { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan Classes { get; set; } = TimeSpan.FromDays(1);
    public TimeSpan Schema { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Stamps of a given <c>candid</c> never change; without <c>candid</c> the latest alert may.</summary>
    public TimeSpan Cutouts { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long after expiry an answer may still be served, marked stale, while upstream fails.</summary>
    public TimeSpan MaxStale { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Memory for cached upstream answers; least recently used answers go first.</summary>
    public int MaxSizeMiB { get; set; } = 256;

    /// <summary>Objects whose fetch time is remembered (for /objects answered from the store).</summary>
    public int MaxObjects { get; set; } = 100_000;

    internal string? Problem() =>
        new[] { Objects, ConeSearch, Latests, Anomaly, Tracklet, Sso, Classes, Schema, Cutouts, MaxStale }.Any(t => t < TimeSpan.Zero)
            ? "Upstream:Cache durations must not be negative."
        : MaxSizeMiB is < 1 or > 65536 ? "Upstream:Cache:MaxSizeMiB must be between 1 and 65536."
        : MaxObjects < 1 ? "Upstream:Cache:MaxObjects must be at least 1."
        : null;
}
