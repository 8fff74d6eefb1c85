using System.Diagnostics;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Proxy;

/// <summary>An upstream that sends its headers and then stops mid-body: the proxy answers within its timeouts, with a
/// stale copy when it has one, and coalesced callers are not held hostage by it.</summary>
public sealed class ProxyStallTests
{
    private const string Latests = "/api/v1/latests?class=RRLyr";

    private static readonly Dictionary<string, string> Quick = new()
    {
        ["Upstream:Timeout"] = "00:00:00.500",
        ["Upstream:TotalTimeout"] = "00:00:02",
        ["Upstream:Retries"] = "0",
    };

    [Fact]
    public async Task A_body_that_stalls_is_a_504_within_the_total_timeout()
    {
        using var upstream = new StallingUpstream { Body = """[{"i:objectId": "ZTF21aaaaaaa", "i:jd": 2459500.5}]""", Stall = true };
        using var proxy = new ProxyServer(upstream.BaseAddress, Quick);
        var clock = Stopwatch.StartNew();

        var text = await ApiJson.AssertError(await proxy.Client().GetAsync(Latests), "upstream", status: 504);

        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 4);
        Assert.Contains("did not answer", text);
        Assert.DoesNotContain(upstream.BaseAddress.Authority, text); // the operator's network stays out of answers
    }

    [Fact]
    public async Task Concurrent_identical_requests_all_get_the_504_in_time()
    {
        using var upstream = new StallingUpstream { Stall = true, Body = "[" + new string(' ', 1000) + "]" };
        using var proxy = new ProxyServer(upstream.BaseAddress, Quick);
        var client = proxy.Client();
        var clock = Stopwatch.StartNew();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetAsync(Latests)));

        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 5);
        Assert.All(answers, a => Assert.Equal(504, (int)a.StatusCode));
        Assert.Equal(1, upstream.Requests); // coalesced into one upstream call
    }

    [Fact]
    public async Task A_stall_after_the_time_to_live_serves_the_stale_answer()
    {
        using var upstream = new StallingUpstream { Body = """[{"i:objectId": "ZTF21aaaaaaa"}]""" };
        using var proxy = new ProxyServer(upstream.BaseAddress, new(Quick) { ["Upstream:Cache:Latests"] = "00:01:00" });
        var client = proxy.Client();
        Assert.Equal("upstream", (await client.GetAsync(Latests)).Source());
        proxy.Clock.Advance(TimeSpan.FromMinutes(2));
        upstream.Stall = true;
        var clock = Stopwatch.StartNew();

        var answer = await client.GetAsync(Latests);

        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 4);
        Assert.Equal("stale", answer.Source());
        Assert.Equal("ZTF21aaaaaaa", Assert.Single(await ApiJson.Records(answer))["i:objectId"].GetString());
    }

    [Fact]
    public async Task An_unreachable_upstream_is_a_502_that_does_not_name_its_address()
    {
        var port = LoopbackPort.Free();
        using var proxy = new ProxyServer(new Uri($"http://127.0.0.1:{port}/"), Quick);

        var text = await ApiJson.AssertError(await proxy.Client().GetAsync(Latests), "upstream", status: 502);

        Assert.Contains("unreachable", text);
        Assert.DoesNotContain(port.ToString(), text);
        Assert.DoesNotContain("127.0.0.1", text);
    }
}
