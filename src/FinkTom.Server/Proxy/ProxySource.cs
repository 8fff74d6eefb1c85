using System.Globalization;
using FinkTom.Core.Api;
using FinkTom.Server.Api;

namespace FinkTom.Server.Proxy;

/// <summary>
/// The headers of proxy mode. A caller chooses with <c>X-FinkTom-Source-Policy</c> (<c>auto</c>, <c>local</c>,
/// <c>upstream</c>); every answer says in <c>X-FinkTom-Source</c> where it came from. Headers, not parameters: Fink
/// clients never send them, and the Fink API's parameter list stays exactly Fink's.
/// </summary>
public static class ProxySource
{
    public const string PolicyHeader = "X-FinkTom-Source-Policy";
    public const string SourceHeader = "X-FinkTom-Source";
    public const string FetchedAtHeader = "X-FinkTom-Fetched-At";
    public const string UpstreamErrorHeader = "X-FinkTom-Upstream-Error";

    /// <summary>Answered by the local store alone, without any upstream fetch behind it.</summary>
    public const string Local = "local";
    /// <summary>Fetched from upstream while answering this request.</summary>
    public const string Upstream = "upstream";
    /// <summary>From an earlier upstream fetch still within its time to live.</summary>
    public const string Cache = "cache";
    /// <summary>From an earlier upstream fetch past its time to live, because upstream failed now.</summary>
    public const string Stale = "stale";

    public enum Policy
    {
        Auto,
        Local,
        Upstream,
    }

    public static (Policy Policy, ProxyResult? Error) ReadPolicy(HttpRequest request)
    {
        var value = request.Headers[PolicyHeader].ToString().Trim();
        return value.ToLowerInvariant() switch
        {
            "" or "auto" => (Policy.Auto, null),
            "local" => (Policy.Local, null),
            "upstream" => (Policy.Upstream, null),
            _ => (Policy.Auto, ProxyResult.Error(400, new FinkError(
                $"`{PolicyHeader}` must be auto, local or upstream, got '{value}'.", PolicyHeader))),
        };
    }

    public static void Mark(HttpContext http, string source, DateTimeOffset? fetchedAt = null, DateTimeOffset? now = null, string? upstreamError = null)
    {
        var headers = http.Response.Headers;
        headers[SourceHeader] = source;
        if (fetchedAt is { } at)
        {
            headers[FetchedAtHeader] = at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            if (now is { } n && source is Cache or Stale)
                headers.Age = Math.Max(0, (long)(n - at).TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }
        if (upstreamError is not null)
            // Header values must be one line of visible ASCII.
            headers[UpstreamErrorHeader] = new string(upstreamError.Select(c => c is >= ' ' and <= '~' ? c : ' ').ToArray());
    }
}
