using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FinkTom.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinkTom.Tests.OData;

/// <summary>
/// The feed on an empty store with credentials configured. The in-memory test server has no client address, so a
/// test-only start-up filter sets one from the <c>X-Test-Remote-Address</c> header to play a caller on the network.
/// </summary>
public sealed class SecuredFeedFactory : WebApplicationFactory<Program>
{
    public const string RemoteHeader = "X-Test-Remote-Address";
    private readonly TempDirectory _data = new();

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Samples:IngestOnEmptyStore"] = "false",
        ["OData:Auth:ApiKeys:0"] = "key-for-excel",
        ["OData:Auth:Users:alice"] = "s3cret",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Store:Sqlite:DatabasePath", Path.Combine(_data.Path, "finktom.db"));
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, RemoteAddressFilter>());
    }

    private sealed class RemoteAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(RemoteHeader, out var address))
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _data.Dispose();
    }
}

public sealed class ODataAuthTests : IDisposable
{
    private const string Network = "192.0.2.10";
    private readonly SecuredFeedFactory _factory = new();

    private async Task<HttpResponseMessage> Get(string url, string? remote = Network, Action<HttpRequestMessage>? setup = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (remote is not null)
            request.Headers.Add(SecuredFeedFactory.RemoteHeader, remote);
        setup?.Invoke(request);
        return await _factory.CreateClient().SendAsync(request);
    }

    private static Action<HttpRequestMessage> Basic(string user, string password) => r =>
        r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    [Fact]
    public async Task A_network_caller_without_credentials_gets_401_with_a_Basic_challenge()
    {
        using var response = await Get("/odata/Alerts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_key_in_header_or_query_or_as_Basic_password_and_Basic_users_are_accepted()
    {
        Assert.Equal(HttpStatusCode.OK, (await Get("/odata/Alerts", setup: r => r.Headers.Add("X-Api-Key", "key-for-excel"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get("/odata/Alerts?apikey=key-for-excel")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get("/odata/$metadata", setup: Basic("", "key-for-excel"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get("/odata/Objects", setup: Basic("alice", "s3cret"))).StatusCode);
    }

    [Fact]
    public async Task Wrong_credentials_are_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/odata/Alerts", setup: r => r.Headers.Add("X-Api-Key", "guess"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/odata/Alerts", setup: Basic("alice", "wrong"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/odata/Alerts", setup: Basic("mallory", "s3cret"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/odata/Alerts", setup: r => r.Headers.TryAddWithoutValidation("Authorization", "Basic !!!"))).StatusCode);
    }

    [Fact]
    public async Task Loopback_callers_are_anonymous_by_default_and_the_rest_api_stays_open()
    {
        Assert.Equal(HttpStatusCode.OK, (await Get("/odata/Alerts", remote: "127.0.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get("/odata/", remote: "::1")).StatusCode);
        // The REST API is not behind the feed's credentials.
        Assert.Equal(HttpStatusCode.OK, (await Get("/api/v1/classes")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_never_refuses_even_loopback_and_always_opens_the_network()
    {
        _factory.Settings["OData:Auth:Anonymous"] = "Never";
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get("/odata/Alerts", remote: "127.0.0.1")).StatusCode);

        using var open = new SecuredFeedFactory();
        open.Settings["OData:Auth:Anonymous"] = "Always";
        var request = new HttpRequestMessage(HttpMethod.Get, "/odata/Alerts");
        request.Headers.Add(SecuredFeedFactory.RemoteHeader, Network);
        Assert.Equal(HttpStatusCode.OK, (await open.CreateClient().SendAsync(request)).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
