using System.Text.Json;
using FinkTom.Tests.FinkClient;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Proxy;

/// <summary>/objects in proxy mode: fetched once from the (mocked) upstream, stored, then answered by the store.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProxyObjectsTests(FinkTomFactory samples)
{
    private const string Path = "/api/v1/objects";

    private static List<Dictionary<string, JsonElement>> Rows(string json) => JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(json)!;

    [Fact]
    public async Task A_miss_fetches_upstream_once_then_the_store_answers_any_format_with_the_same_alerts()
    {
        using var upstream = new FakeFinkUpstream();
        var upstreamJson = await UpstreamSamples.ObjectsWithUpperLimits(samples);
        upstream.AnswerJson(Path, upstreamJson);
        using var proxy = new ProxyServer(upstream);
        var client = proxy.Client();

        var first = await client.GetAsync($"{Path}?objectId={UpstreamSamples.ObjectId}&columns=i:candid,i:jd,i:magpsf");
        var second = await client.GetAsync($"{Path}?objectId={UpstreamSamples.ObjectId}&columns=i:candid,i:jd,i:magpsf&output-format=csv");

        Assert.Equal("upstream", first.Source());
        Assert.Equal("cache", second.Source());
        Assert.Equal(1, proxy.UpstreamCalls(Path));
        // The proxy asks for what the store needs (every column, with upper limits), whatever the client asked.
        Assert.Equal($$"""{"objectId":"{{UpstreamSamples.ObjectId}}","withupperlim":true}""", upstream.LastBody(Path).ToJsonString());
        // Upstream's own answer to the client's question (no upper limits): its alerts, and only those.
        var direct = Rows(await samples.CreateClient().GetStringAsync($"{Path}?objectId={UpstreamSamples.ObjectId}"));
        var expected = direct
            .Select(r => (r["i:candid"].GetInt64(), r["i:jd"].GetDouble(), r["i:magpsf"].GetSingle())).ToList();
        var answered = (await ApiJson.Records(first)).Select(r => (r["i:candid"].GetInt64(), r["i:jd"].GetDouble(), r["i:magpsf"].GetSingle())).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, answered);
        var csv = (await second.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("i:candid,i:jd,i:magpsf", csv[0]);
        Assert.Equal(expected.Count + 1, csv.Length);
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"-Infinity\"")]
    [InlineData("-1e300")]
    public async Task An_upstream_alert_with_an_impossible_time_is_not_stored_and_the_others_are(string jd)
    {
        // Upstream is trusted no more than a file: its rows pass the same validation gate before the store keeps them.
        const string ids = "ZTF19acihgng,ZTF18abvcdqu";
        var rows = Rows(await UpstreamSamples.ObjectsWithUpperLimits(samples, ids));
        var alerts = rows.Where(r => r["d:tag"].GetString() == "valid" && r.ContainsKey("i:pid") && r["i:pid"].ValueKind != JsonValueKind.Null).ToList();
        Assert.True(alerts.Count >= 2, $"{alerts.Count} full alert rows");
        var poisoned = alerts[0]["i:candid"].GetInt64();
        var json = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(rows))!.AsArray();
        foreach (var row in json)
            if (row!["i:candid"]!.GetValue<long>() == poisoned)
                row["i:jd"] = System.Text.Json.Nodes.JsonNode.Parse(jd);
        using var upstream = new FakeFinkUpstream();
        upstream.Answer(Path, 200, "application/json", System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
        using var proxy = new ProxyServer(upstream);
        var client = proxy.Client();

        var answer = await client.GetAsync($"{Path}?objectId={ids}&columns=i:candid,i:jd");
        var local = await proxy.Client("local").GetAsync($"{Path}?objectId={ids}&columns=i:candid,i:jd");

        Assert.True((int)answer.StatusCode is 200 or 502, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        var stored = (await ApiJson.Records(local)).Select(r => r["i:candid"].GetInt64()).ToList();
        Assert.Equal(alerts.Count - 1, stored.Count);
        Assert.DoesNotContain(poisoned, stored);
        Assert.All((await ApiJson.Records(local)).Select(r => r["i:jd"].GetDouble()), v => Assert.InRange(v, 2.4e6, 2.6e6));
    }

    [Fact]
    public async Task Proxied_alerts_and_upper_limits_become_queryable_locally()
    {
        using var upstream = new FakeFinkUpstream();
        var upstreamRows = Rows(await UpstreamSamples.ObjectsWithUpperLimits(samples));
        upstream.AnswerJson(Path, JsonSerializer.Serialize(upstreamRows));
        using var proxy = new ProxyServer(upstream);
        await ApiJson.Records(await proxy.Client().GetAsync($"{Path}?objectId={UpstreamSamples.ObjectId}"));
        var local = proxy.Client("local");

        var lightCurve = await ApiJson.Records(await local.GetAsync($"{Path}?objectId={UpstreamSamples.ObjectId}&withupperlim=True"));
        var latest = upstreamRows.Where(r => r["d:tag"].GetString() == "valid").MaxBy(r => r["i:jd"].GetDouble())!;
        var cone = await ApiJson.Records(await local.GetAsync(FormattableString.Invariant(
            $"/api/v1/conesearch?ra={latest["i:ra"].GetDouble()}&dec={latest["i:dec"].GetDouble()}&radius=5")));

        Assert.Equal(1, proxy.UpstreamCalls(Path));
        foreach (var tag in new[] { "valid", "upperlim", "badquality" })
            Assert.Equal(upstreamRows.Count(r => r["d:tag"].GetString() == tag), lightCurve.Count(r => r["d:tag"].GetString() == tag));
        Assert.Equal(latest["i:candid"].GetInt64(), Assert.Single(cone)["i:candid"].GetInt64());
        Assert.Equal(latest["v:classification"].GetString(), cone[0]["d:classification"].GetString());
    }

    [Fact]
    public async Task After_the_time_to_live_upstream_is_asked_again_and_only_for_the_expired_objects()
    {
        using var upstream = new FakeFinkUpstream();
        upstream.AnswerJson(Path, await UpstreamSamples.ObjectsWithUpperLimits(samples));
        using var proxy = new ProxyServer(upstream, new() { ["Upstream:Cache:Objects"] = "00:10:00" });
        var client = proxy.Client();

        await client.GetAsync($"{Path}?objectId={UpstreamSamples.ObjectId}");
        proxy.Clock.Advance(TimeSpan.FromMinutes(9));
        var fresh = await client.GetAsync($"{Path}?objectId={UpstreamSamples.ObjectId}");
        proxy.Clock.Advance(TimeSpan.FromMinutes(2));
        var both = await client.GetAsync($"{Path}?objectId={UpstreamSamples.ObjectId},ZTF18abvcdqu");
        var bodyOfSecondFetch = upstream.LastBody(Path).ToJsonString();

        Assert.Equal("cache", fresh.Source());
        Assert.Equal("upstream", both.Source());
        Assert.Equal(2, proxy.UpstreamCalls(Path));
        Assert.Contains("ZTF18abvcdqu", bodyOfSecondFetch);
        Assert.Contains(UpstreamSamples.ObjectId, bodyOfSecondFetch);
    }

    [Fact]
    public async Task When_upstream_fails_after_expiry_the_stored_answer_is_served_marked_stale()
    {
        using var upstream = new FakeFinkUpstream();
        upstream.AnswerJson(Path, await UpstreamSamples.ObjectsWithUpperLimits(samples));
        using var proxy = new ProxyServer(upstream);
        var client = proxy.Client();
        var fresh = await ApiJson.Records(await client.GetAsync($"{Path}?objectId={UpstreamSamples.ObjectId}"));

        proxy.Clock.Advance(TimeSpan.FromHours(1));
        upstream.Server.Reset();
        upstream.Answer(Path, 503, "text/html", "Service Unavailable"u8.ToArray());
        var stale = await client.GetAsync($"{Path}?objectId={UpstreamSamples.ObjectId}");
        var unknown = await client.GetAsync($"{Path}?objectId=ZTF18abvcdqu");

        Assert.Equal("stale", stale.Source());
        Assert.Contains("HTTP 503", stale.Headers.GetValues("X-FinkTom-Upstream-Error").Single());
        Assert.Equal("3600", stale.Headers.GetValues("Age").Single());
        Assert.Equal(fresh.Select(r => r["i:candid"].GetInt64()), (await ApiJson.Records(stale)).Select(r => r["i:candid"].GetInt64()));
        var text = await ApiJson.AssertError(unknown, "upstream", status: 502);
        Assert.Contains("HTTP 503", text);
    }

    [Fact]
    public async Task Policy_local_never_calls_upstream_and_policy_upstream_refetches_a_fresh_object()
    {
        using var upstream = new FakeFinkUpstream();
        upstream.AnswerJson(Path, await UpstreamSamples.ObjectsWithUpperLimits(samples));
        using var proxy = new ProxyServer(upstream, new() { ["OData:Auth:ApiKeys:0"] = "group-key" });

        var local = await proxy.Client("local").GetAsync($"{Path}?objectId={UpstreamSamples.ObjectId}");
        Assert.Equal("local", local.Source());
        Assert.Empty(await ApiJson.Records(local));
        Assert.Equal(0, proxy.UpstreamCalls(Path));

        await proxy.Client().GetAsync($"{Path}?objectId={UpstreamSamples.ObjectId}");
        // Forcing a fetch spends the upstream budget all callers share: it takes a key.
        var anonymous = await proxy.Client("upstream").GetAsync($"{Path}?objectId={UpstreamSamples.ObjectId}");
        await ApiJson.AssertError(anonymous, "X-FinkTom-Source-Policy", status: 403);
        Assert.Equal(1, proxy.UpstreamCalls(Path));
        var withKey = proxy.Client("upstream");
        withKey.DefaultRequestHeaders.Add("X-Api-Key", "group-key");
        var forced = await withKey.GetAsync($"{Path}?objectId={UpstreamSamples.ObjectId}");
        Assert.Equal("upstream", forced.Source());
        Assert.Equal(2, proxy.UpstreamCalls(Path));

        var bad = await proxy.Client("sometimes").GetAsync($"{Path}?objectId={UpstreamSamples.ObjectId}");
        await ApiJson.AssertError(bad, "X-FinkTom-Source-Policy");
    }

    [Fact]
    public async Task Invalid_requests_are_refused_locally_and_never_reach_upstream()
    {
        using var upstream = new FakeFinkUpstream();
        using var proxy = new ProxyServer(upstream);
        var client = proxy.Client();

        await ApiJson.AssertError(await client.GetAsync($"{Path}?objectId=ZTF1&columns=i:nope"), "columns");
        await ApiJson.AssertError(await client.GetAsync("/api/v1/conesearch?ra=10&dec=20&radius=20000"), "radius");
        var tooMany = string.Join(",", Enumerable.Range(0, 1001).Select(i => $"ZTF{i}"));
        await ApiJson.AssertError(await ApiJson.Post(client, Path, new { objectId = tooMany }), "objectId");

        Assert.Empty(upstream.Server.LogEntries);
    }
}
