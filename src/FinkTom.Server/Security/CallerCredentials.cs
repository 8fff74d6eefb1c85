using System.Security.Cryptography;
using System.Text;
using FinkTom.Core.Api;
using FinkTom.Livestream;
using FinkTom.Server.OData;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Security;

/// <summary>
/// Who is calling, as far as FinkTom can tell: a caller that presents a key or user FinkTom knows (the OData feed's
/// <c>OData:Auth</c> keys and users, or <c>Livestream:ApiKeys</c>) is authenticated, in any of the ways those accept:
/// <c>X-Api-Key</c> (or the OData key header), <c>Authorization: Bearer KEY</c>, HTTP Basic, or the OData
/// <c>apikey</c> query parameter. Authenticated callers get their own rate-limit budget and may force upstream calls.
/// </summary>
public sealed class CallerCredentials(IOptions<ODataFeedOptions> odata, IOptions<LivestreamOptions> livestream)
{
    private readonly ODataAuthOptions _auth = odata.Value.Auth;
    private readonly IReadOnlyList<string> _keys = [.. odata.Value.Auth.ApiKeys, .. livestream.Value.ApiKeys];

    /// <summary>A stable, non-secret name for the credential the request presents (a hash prefix), or null when it
    /// presents none FinkTom knows.</summary>
    public string? Identify(HttpRequest request)
    {
        foreach (var candidate in Candidates(request))
        {
            if (candidate.Key is { Length: > 0 } key && _keys.FirstOrDefault(k => k.Length > 0 && Secrets.Same(k, key)) is { } known)
                return "key:" + Fingerprint(known);
            if (candidate.User is { } user && _auth.Users.TryGetValue(user, out var password) && candidate.Password is { } given && Secrets.Same(password, given))
                return "user:" + Fingerprint(user);
        }
        return null;
    }

    private IEnumerable<(string? Key, string? User, string? Password)> Candidates(HttpRequest request)
    {
        yield return (request.Headers[_auth.ApiKeyHeader].ToString(), null, null);
        if (!string.Equals(_auth.ApiKeyHeader, "X-Api-Key", StringComparison.OrdinalIgnoreCase))
            yield return (request.Headers["X-Api-Key"].ToString(), null, null);
        yield return (request.Query[_auth.ApiKeyQueryParameter].ToString(), null, null);
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            yield return (authorization[7..].Trim(), null, null);
        else if (Secrets.Basic(authorization) is { } basic)
            yield return (basic.Password, basic.User, basic.Password); // a key as the password, or a user
    }

    private static string Fingerprint(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..12];
}
