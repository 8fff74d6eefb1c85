using System.ComponentModel.DataAnnotations;

namespace FinkTom.Server.Security;

/// <summary>
/// Per-client limits on the public endpoints (<c>/api</c>, <c>/odata</c>, <c>/livestream</c>, <c>/tap</c>, <c>/scs</c>; not <c>/health</c> or the
/// portal's files). Each client address has a token bucket: <see cref="Burst"/> requests at once, refilled at
/// <see cref="PermitsPerSecond"/>; a caller with a known API key or user has its own, larger bucket. Beyond it: 429
/// with <c>Retry-After</c>. Section <c>RateLimits</c>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests per second a client address is refilled with.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 20;

    /// <summary>Requests a client address may make at once before the refill rate applies.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 100;

    /// <summary>Per second for a caller presenting a known API key or user (one bucket per credential).</summary>
    [Range(1, 1_000_000)]
    public int KeyPermitsPerSecond { get; set; } = 200;

    [Range(1, 1_000_000)]
    public int KeyBurst { get; set; } = 1000;

    /// <summary>Server-sent event streams (<c>/livestream/.../stream</c>) one client address may hold open at once.</summary>
    [Range(1, 100_000)]
    public int MaxStreamsPerClient { get; set; } = 8;

    /// <summary>Requests from this machine (loopback, Unix socket, in-process) are not limited: a TOM, a notebook or a
    /// reverse proxy on the same host. Behind a reverse proxy on this machine, FinkTom reads the client's address from
    /// its <c>X-Forwarded-For</c>, so clients are still told apart.</summary>
    public bool ExemptLoopback { get; set; } = true;
}
