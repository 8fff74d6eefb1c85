using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.OData;

/// <summary>
/// Guards every /odata request with what Excel and Power BI can send: nothing (anonymous, by default only from
/// this machine), an API key (header, <c>?apikey=</c> as Excel's "Web API" credential puts it, or the password of
/// HTTP Basic as Power Query custom connectors send it) or an HTTP Basic user. A refusal is a 401 with a Basic
/// challenge, which makes Excel ask for credentials. Use HTTPS (a reverse proxy) when Basic crosses a network.
/// </summary>
internal sealed class ODataAuthentication(IOptions<ODataFeedOptions> options) : IEndpointFilter
{
    private readonly ODataAuthOptions _auth = options.Value.Auth;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (IsAllowed(http))
            return await next(context);
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"FinkTom OData\", charset=\"UTF-8\"";
        var message = _auth.ApiKeys.Count == 0 && _auth.Users.Count == 0
            ? "This feed answers anonymous requests from this machine only; the server configures OData:Auth (ApiKeys, Users or Anonymous) to open it to the network."
            : $"Credentials are required: HTTP Basic, or an API key in the {_auth.ApiKeyHeader} header or the {_auth.ApiKeyQueryParameter} query parameter.";
        return ODataResults.Error(StatusCodes.Status401Unauthorized, "Unauthorized", message, null);
    }

    private bool IsAllowed(HttpContext http)
    {
        if (HasValidCredentials(http.Request))
            return true;
        return _auth.Anonymous switch
        {
            AnonymousAccess.Always => true,
            // No remote address: an in-process or Unix-socket caller, which is on this machine too.
            AnonymousAccess.Loopback => http.Connection.RemoteIpAddress is not { } ip || IPAddress.IsLoopback(ip),
            _ => false,
        };
    }

    private bool HasValidCredentials(HttpRequest request)
    {
        if (request.Headers.TryGetValue(_auth.ApiKeyHeader, out var header) && IsKey(header.ToString()))
            return true;
        if (request.Query.TryGetValue(_auth.ApiKeyQueryParameter, out var query) && IsKey(query.ToString()))
            return true;
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = decoded.IndexOf(':');
        if (colon < 0)
            return false;
        var (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
        return IsKey(password) || (_auth.Users.TryGetValue(user, out var expected) && SameText(expected, password));
    }

    private bool IsKey(string candidate) => candidate.Length > 0 && _auth.ApiKeys.Any(key => key.Length > 0 && SameText(key, candidate));

    private static bool SameText(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
