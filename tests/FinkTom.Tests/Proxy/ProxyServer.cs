using FinkTom.Server.Proxy;
using FinkTom.Tests.FinkClient;
using FinkTom.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FinkTom.Tests.Proxy;

/// <summary>A clock the tests move by hand, so expiry is tested without waiting.</summary>
public sealed class ManualClock : ProxyClock
{
    public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset UtcNow => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>
/// FinkTom in proxy mode: the real server on an empty SQLite file (no samples), its upstream a MOCK of the public Fink
/// API (<see cref="FakeFinkUpstream"/>, WireMock.Net on loopback) since the real one cannot be reached from here.
/// </summary>
public sealed class ProxyServer : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, string> _settings;

    public ProxyServer(FakeFinkUpstream upstream, Dictionary<string, string>? settings = null)
        : this(upstream.BaseAddress, settings) => Upstream = upstream;

    /// <summary>A proxy in front of any server (e.g. a <see cref="StallingUpstream"/>); <see cref="Upstream"/> is not set.</summary>
    public ProxyServer(Uri upstream, Dictionary<string, string>? settings = null)
    {
        Upstream = null!;
        _settings = new Dictionary<string, string>
        {
            ["Upstream:Url"] = upstream.ToString(),
            ["Upstream:Timeout"] = "00:00:02",
            ["Upstream:TotalTimeout"] = "00:00:05",
            ["Upstream:Retries"] = "1",
            ["Upstream:RetryDelay"] = "00:00:00.010",
            ["Upstream:MaxRequestsPerSecond"] = "100",
        };
        foreach (var (key, value) in settings ?? [])
            _settings[key] = value;
    }

    public FakeFinkUpstream Upstream { get; }

    public ManualClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Store:Sqlite:DatabasePath", Path.Combine(_data.Path, "finktom.db"));
        builder.UseSetting("Samples:IngestOnEmptyStore", "false");
        builder.UseSetting("Portal:Enabled", "false");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<ProxyClock>(Clock));
    }

    /// <summary>How many requests the mocked upstream received on a path.</summary>
    public int UpstreamCalls(string path) => Upstream.Server.LogEntries.Count(e => e.RequestMessage.Path == path);

    public HttpClient Client(string? policy = null)
    {
        var client = CreateClient();
        if (policy is not null)
            client.DefaultRequestHeaders.Add(ProxySource.PolicyHeader, policy);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _data.Dispose();
    }
}

/// <summary>Reading where an answer came from.</summary>
public static class ProxyHeaders
{
    public static string? Source(this HttpResponseMessage response) =>
        response.Headers.TryGetValues(ProxySource.SourceHeader, out var values) ? values.Single() : null;
}
