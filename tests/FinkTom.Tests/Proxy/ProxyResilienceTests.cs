using FinkTom.Tests.FinkClient;
using FinkTom.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace FinkTom.Tests.Proxy;

/// <summary>How proxy mode degrades when the (mocked) upstream misbehaves: every failure is a clear JSON 502/503/504.</summary>
public sealed class ProxyResilienceTests
{
    private const string Latests = "/api/v1/latests?class=RRLyr";

    [Fact]
    public async Task A_slow_upstream_is_a_504_after_the_timeout()
    {
        using var upstream = new FakeFinkUpstream();
        upstream.Answer("/api/v1/latests", 200, "application/json", "[]"u8.ToArray(), delay: TimeSpan.FromSeconds(5));
        using var proxy = new ProxyServer(upstream, new() { ["Upstream:Timeout"] = "00:00:00.300", ["Upstream:TotalTimeout"] = "00:00:01" });

        var text = await ApiJson.AssertError(await proxy.Client().GetAsync(Latests), "upstream", status: 504);

        Assert.Contains("did not answer", text);
        Assert.Contains("2 attempts", text); // one retry; WireMock logs a delayed request only once it answered
    }

    [Fact]
    public async Task A_transient_5xx_is_retried_and_answered()
    {
        using var upstream = new FakeFinkUpstream();
        upstream.Server.Given(Request.Create().WithPath("/api/v1/latests").UsingPost()).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(502).WithBody("Bad Gateway"));
        upstream.Server.Given(Request.Create().WithPath("/api/v1/latests").UsingPost()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""[{"i:objectId":"ZTF1"}]"""));
        using var proxy = new ProxyServer(upstream);

        var answer = await proxy.Client().GetAsync(Latests);

        Assert.Equal("ZTF1", Assert.Single(await ApiJson.Records(answer))["i:objectId"].GetString());
        Assert.Equal(2, proxy.UpstreamCalls("/api/v1/latests"));
    }

    [Fact]
    public async Task Malformed_json_is_a_502_naming_the_problem_and_is_not_cached()
    {
        using var upstream = new FakeFinkUpstream();
        upstream.Answer("/api/v1/latests", 200, "application/json", """[{"i:objectId": "ZTF1", "i:jd": """u8.ToArray());
        upstream.Answer("/api/v1/sso", 200, "application/json", """[{"i:objectId": "ZTF1", "i:jd": "yesterday"}]"""u8.ToArray());
        using var proxy = new ProxyServer(upstream);
        var client = proxy.Client();

        var truncated = await ApiJson.AssertError(await client.GetAsync(Latests), "upstream", status: 502);
        await client.GetAsync(Latests);
        var mistyped = await ApiJson.AssertError(await client.GetAsync("/api/v1/sso?n_or_d=8467"), "upstream", status: 502);

        Assert.Contains("not a JSON array of records", truncated);
        Assert.Contains("i:jd", mistyped);
        Assert.Equal(2, proxy.UpstreamCalls("/api/v1/latests"));
    }

    [Fact]
    public async Task Upstreams_own_400_is_passed_on_as_a_400_with_its_text()
    {
        using var upstream = new FakeFinkUpstream();
        upstream.Answer("/api/v1/sso", 400, "text/html", "{'status': 'error', 'text': 'Xyz is not a valid name or number according to quaero.\\n'}"u8.ToArray());
        using var proxy = new ProxyServer(upstream);

        var text = await ApiJson.AssertError(await proxy.Client().GetAsync("/api/v1/sso?n_or_d=Xyz"), null, status: 400);

        Assert.Contains("not a valid name or number according to quaero", text);
    }

    [Fact]
    public async Task After_repeated_failures_the_circuit_opens_and_upstream_is_left_alone()
    {
        using var upstream = new FakeFinkUpstream();
        upstream.Answer("/api/v1/latests", 500, "text/html", "boom"u8.ToArray());
        using var proxy = new ProxyServer(upstream, new() { ["Upstream:Retries"] = "0", ["Upstream:CircuitMinimumCalls"] = "3" });
        var client = proxy.Client();

        for (var i = 0; i < 3; i++)
            await ApiJson.AssertError(await client.GetAsync($"{Latests}&n={i + 1}"), "upstream", status: 502);
        var open = await client.GetAsync($"{Latests}&n=9");

        await ApiJson.AssertError(open, "upstream", status: 503);
        Assert.True(open.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(3, proxy.UpstreamCalls("/api/v1/latests"));
    }

    [Fact]
    public async Task A_redirect_elsewhere_is_not_followed_and_the_other_host_is_never_contacted()
    {
        using var elsewhere = new FakeFinkUpstream();
        elsewhere.Answer("/api/v1/latests", 200, "application/json", "[]"u8.ToArray());
        using var upstream = new FakeFinkUpstream();
        upstream.Server.Given(Request.Create().WithPath("/api/v1/latests").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", elsewhere.BaseAddress + "api/v1/latests"));
        using var proxy = new ProxyServer(upstream);

        var text = await ApiJson.AssertError(await proxy.Client().GetAsync(Latests), "upstream", status: 502);

        Assert.Contains("redirect", text);
        Assert.Empty(elsewhere.Server.LogEntries);
    }

    [Fact]
    public async Task An_answer_over_the_size_limit_is_refused()
    {
        using var upstream = new FakeFinkUpstream();
        var big = "[" + string.Join(",", Enumerable.Repeat("""{"i:objectId":"ZTF18aaaaaaa","i:jd":2458788.5}""", 30_000)) + "]";
        upstream.Answer("/api/v1/latests", 200, "application/json", System.Text.Encoding.UTF8.GetBytes(big));
        using var proxy = new ProxyServer(upstream, new() { ["Upstream:MaxResponseMiB"] = "1" });

        Assert.Contains("exceeds 1 MiB", await ApiJson.AssertError(await proxy.Client().GetAsync(Latests), "upstream", status: 502));
    }

    [Fact]
    public async Task Without_upstream_the_server_is_unchanged_and_asking_for_upstream_says_so()
    {
        await using var plain = new FinkTomFactory();

        var answer = await plain.CreateClient().GetAsync("/api/v1/classes");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/classes") { Headers = { { "X-FinkTom-Source-Policy", "upstream" } } };

        Assert.Equal(200, (int)answer.StatusCode);
        Assert.Null(answer.Source());
        Assert.Contains("Upstream:Url", await ApiJson.AssertError(await plain.CreateClient().SendAsync(request), "X-FinkTom-Source-Policy"));
    }

    [Fact]
    public async Task A_bad_upstream_url_stops_the_server_at_start_with_the_reason()
    {
        var problems = await ServerStart.RefusalAsync(("Upstream:Url", "ftp://example.org"));

        Assert.Contains("Upstream:Url must be an absolute http(s) URL", problems);
    }
}
