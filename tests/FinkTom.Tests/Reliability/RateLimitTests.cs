using System.Collections.Concurrent;
using System.Net;
using FinkTom.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FinkTom.Tests.Reliability;

/// <summary>Per-client limits on the public endpoints, as a caller on the network meets them: 429 with Retry-After
/// past the budget, one budget per address, a larger one per API key, open event streams counted apart.</summary>
public sealed class RateLimitTests
{
    private const string Api = "/api/v1/classes";

    [Fact]
    public async Task A_client_past_its_burst_gets_429_with_retry_after_and_another_client_is_unaffected()
    {
        await using var server = new NetworkServer(new() { ["RateLimits:Burst"] = "5", ["RateLimits:PermitsPerSecond"] = "1" });
        var greedy = server.ClientFrom("203.0.113.5");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
            statuses.Add((await greedy.GetAsync(Api)).StatusCode);
        var refused = await greedy.GetAsync(Api);
        var other = await server.ClientFrom("203.0.113.6").GetAsync(Api);

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 5);
        Assert.Contains("Too many requests", await ApiJson.AssertError(refused, "rate-limit", status: 429));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task The_odata_feed_and_livestream_counts_share_the_budget_and_health_is_not_limited()
    {
        await using var server = new NetworkServer(new() { ["RateLimits:Burst"] = "2", ["RateLimits:PermitsPerSecond"] = "1", ["OData:Auth:Anonymous"] = "Always" });
        var client = server.ClientFrom("198.51.100.7");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/odata/Classes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/livestream/count?filter=magpsf gt 18")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/odata/Classes")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/livestream/count?filter=magpsf gt 18")).StatusCode);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task A_caller_with_an_api_key_has_its_own_larger_budget()
    {
        await using var server = new NetworkServer(new()
        {
            ["RateLimits:Burst"] = "2", ["RateLimits:PermitsPerSecond"] = "1", ["RateLimits:KeyBurst"] = "20", ["OData:Auth:ApiKeys:0"] = "team-key",
        });
        var anonymous = server.ClientFrom("192.0.2.10");
        var keyed = server.ClientFrom("192.0.2.10");
        keyed.DefaultRequestHeaders.Add("X-Api-Key", "team-key");
        var wrongKey = server.ClientFrom("192.0.2.10");
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "guess");

        for (var i = 0; i < 2; i++)
            (await anonymous.GetAsync(Api)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync(Api)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await wrongKey.GetAsync(Api)).StatusCode); // an unknown key is no key
        for (var i = 0; i < 15; i++)
            Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync(Api)).StatusCode);
    }

    [Fact]
    public async Task Requests_from_this_machine_are_not_limited_unless_a_local_reverse_proxy_forwards_them()
    {
        await using var server = new NetworkServer(new() { ["RateLimits:Burst"] = "3", ["RateLimits:PermitsPerSecond"] = "1" });
        var local = server.ClientFrom("127.0.0.1");
        var forwarded = server.ClientFrom("127.0.0.1");
        forwarded.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.99"); // nginx on this host, a client out there

        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, (await local.GetAsync(Api)).StatusCode);
        var behindProxy = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            behindProxy.Add((await forwarded.GetAsync(Api)).StatusCode);

        Assert.Equal(3, behindProxy.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, behindProxy.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Event_streams_beyond_the_per_client_cap_are_refused_while_others_stay_open()
    {
        await using var server = new NetworkServer(new() { ["RateLimits:MaxStreamsPerClient"] = "1" });
        var client = server.ClientFrom("203.0.113.20");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var filter = await FirstFilterAsync(client);

        using var first = await client.GetAsync($"/livestream/filters/{filter}/stream", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var second = await client.GetAsync($"/livestream/filters/{filter}/stream", HttpCompletionOption.ResponseHeadersRead, cancel.Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("event streams", await second.Content.ReadAsStringAsync(cancel.Token));
    }

    [Fact]
    public async Task Api_keys_in_the_query_string_never_reach_the_log()
    {
        var logs = new CapturedLogs();
        await using var server = new NetworkServer(new()
        {
            ["OData:Auth:ApiKeys:0"] = "s3cret-key-value",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information", // an operator turning ASP.NET Core's logs up
            ["Logging:LogLevel:FinkTom.Requests"] = "Information",
        }, logs);
        var client = server.ClientFrom("203.0.113.30");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/odata/Classes?apikey=s3cret-key-value&$top=2")).StatusCode);

        Assert.Contains(logs.Lines, l => l.Contains("/odata/Classes?apikey=***&$top=2"));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("s3cret-key-value"));
    }

    private static async Task<string> FirstFilterAsync(HttpClient client)
    {
        var filters = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/livestream/filters")).RootElement;
        var list = filters.ValueKind == System.Text.Json.JsonValueKind.Array ? filters : filters.GetProperty("filters");
        return list[0].GetProperty("name").GetString()!;
    }

    /// <summary>The real server with its samples, where each test client says which address it calls from
    /// (the in-process test server has none of its own).</summary>
    private sealed class NetworkServer(Dictionary<string, string> settings, CapturedLogs? logs = null) : WebApplicationFactory<Program>
    {
        private const string AddressHeader = "X-Test-Remote-Address";
        private readonly TempDirectory _data = new();

        public HttpClient ClientFrom(string address)
        {
            var client = CreateClient();
            client.DefaultRequestHeaders.Add(AddressHeader, address);
            return client;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Store:Sqlite:DatabasePath", Path.Combine(_data.Path, "finktom.db"));
            builder.UseSetting("Samples:Path", TestPaths.Samples);
            builder.UseSetting("Portal:Enabled", "false");
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IStartupFilter>(new RemoteAddressFilter());
                if (logs is not null)
                    services.AddSingleton<ILoggerProvider>(logs);
            });
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            _data.Dispose();
        }

        private sealed class RemoteAddressFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((http, following) =>
                {
                    if (http.Request.Headers.TryGetValue(AddressHeader, out var address))
                        http.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                    return following(http);
                });
                next(app);
            };
        }
    }

    /// <summary>Every log line written, formatted.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)}");
        }
    }
}
