using System.Net;
using FinkTom.Core.Api;
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
        if (Secrets.IsOneOf(_auth.ApiKeys, request.Headers[_auth.ApiKeyHeader].ToString())
            || Secrets.IsOneOf(_auth.ApiKeys, request.Query[_auth.ApiKeyQueryParameter].ToString()))
            return true;
        if (Secrets.Basic(request.Headers.Authorization.ToString()) is not var (user, password))
            return false;
        return Secrets.IsOneOf(_auth.ApiKeys, password) || (_auth.Users.TryGetValue(user, out var expected) && Secrets.Same(expected, password));
    }
}
