using System.Globalization;
using System.Text.Json;
using FinkTom.Tests.FinkClient;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Proxy;

/// <summary>Endpoints answered from upstream's answer (cone, latests, anomaly, sso, classes, schema, cutouts), cached per query.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProxyRelayTests(FinkTomFactory samples)
{
    private const string Cone = "/api/v1/conesearch";

    [Fact]
    public async Task A_cone_search_is_fetched_once_as_json_and_served_in_every_format_from_the_cache()
    {
        using var upstream = new FakeFinkUpstream();
        var (ra, dec, json) = await UpstreamSamples.ConeAround(samples);
        upstream.AnswerJson(Cone, json);
        upstream.AnswerJson("/api/v1/objects", await UpstreamSamples.ObjectsWithUpperLimits(samples));
        using var proxy = new ProxyServer(upstream);
        var client = proxy.Client();
        var query = FormattableString.Invariant($"{Cone}?ra={ra}&dec={dec}&radius=30");

        var first = await client.GetAsync(query);
        var csv = await client.GetAsync(query + "&output-format=csv");
        // The same cone in sexagesimal: the same upstream query, so the same cache entry.
        var sexagesimal = await client.GetAsync($"{Cone}?ra={Hours(ra)}&dec={dec.ToString("R", CultureInfo.InvariantCulture)}&radius=30");

        Assert.Equal(["upstream", "cache", "cache"], new[] { first.Source(), csv.Source(), sexagesimal.Source() });
        Assert.Equal(1, proxy.UpstreamCalls(Cone));
        Assert.Equal("json", upstream.LastBody(Cone)["output-format"]?.GetValue<string>() ?? "json");
        var expected = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(json)!;
        var rows = await ApiJson.Records(first);
        Assert.Equal(expected.Select(r => r["i:objectId"].GetString()), rows.Select(r => r["i:objectId"].GetString()));
        Assert.Equal(expected.Select(r => r["v:separation_degree"].GetDouble()), rows.Select(r => r["v:separation_degree"].GetDouble()));
        Assert.Equal("application/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(string.Join(",", expected[0].Keys), await csv.Content.ReadAsStringAsync());
        // The cone's objects were fetched in full and stored: the store alone now answers for them.
        var local = await ApiJson.Records(await proxy.Client("local").GetAsync($"/api/v1/objects?objectId={UpstreamSamples.ObjectId}"));
        Assert.NotEmpty(local);
    }

    private static string Hours(double ra)
    {
        var total = ra / 15 * 3600;
        var h = (int)(total / 3600);
        var m = (int)((total - h * 3600) / 60);
        var s = total - h * 3600 - m * 60;
        return FormattableString.Invariant($"{h}h{m}m{s:R}s");
    }

    [Fact]
    public async Task Anomalies_come_from_upstream_with_the_parameters_passed_on_then_from_the_cache()
    {
        using var upstream = new FakeFinkUpstream();
        upstream.AnswerJson("/api/v1/anomaly", """[{"i:objectId":"ZTF19acihgng","i:candid":1060135832015015002,"i:jd":2458788.5,"d:anomaly_score":-0.02}]""");
        using var proxy = new ProxyServer(upstream);
        var client = proxy.Client();
        const string query = "/api/v1/anomaly?n=5&start_date=2019-11-01&stop_date=2019-11-02";

        var first = await client.GetAsync(query);
        var again = await client.GetAsync(query);

        Assert.Equal(["upstream", "cache"], new[] { first.Source(), again.Source() });
        Assert.Equal(5, upstream.LastBody("/api/v1/anomaly")["n"]!.GetValue<int>());
        Assert.Equal("2019-11-02", upstream.LastBody("/api/v1/anomaly")["stop_date"]!.GetValue<string>());
        Assert.Equal(-0.02, Assert.Single(await ApiJson.Records(again))["d:anomaly_score"].GetDouble());
    }

    [Fact]
    public async Task Concurrent_identical_requests_make_one_upstream_call()
    {
        using var upstream = new FakeFinkUpstream();
        var body = """[{"i:objectId":"ZTF19acihgng","i:candid":1060135832015015002,"i:jd":2458788.5,"v:classification":"RRLyr"}]"""u8.ToArray();
        upstream.Answer("/api/v1/latests", 200, "application/json", body, delay: TimeSpan.FromMilliseconds(400));
        using var proxy = new ProxyServer(upstream);
        var client = proxy.Client();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetAsync("/api/v1/latests?class=RRLyr&n=5")));

        Assert.All(answers, a => Assert.Equal(200, (int)a.StatusCode));
        Assert.Equal(1, proxy.UpstreamCalls("/api/v1/latests"));
        foreach (var answer in answers)
            Assert.Equal(1060135832015015002, Assert.Single(await ApiJson.Records(answer))["i:candid"].GetInt64());
    }

    [Fact]
    public async Task Latests_expire_after_their_own_time_to_live_and_stale_answers_cover_an_outage()
    {
        using var upstream = new FakeFinkUpstream();
        upstream.AnswerJson("/api/v1/latests", """[{"i:objectId":"ZTF19acihgng","i:jd":2458788.5,"v:classification":"RRLyr"}]""");
        using var proxy = new ProxyServer(upstream, new() { ["Upstream:Cache:Latests"] = "00:01:00", ["Upstream:Cache:MaxStale"] = "01:00:00" });
        var client = proxy.Client();
        const string query = "/api/v1/latests?class=RRLyr";

        await client.GetAsync(query);
        proxy.Clock.Advance(TimeSpan.FromSeconds(61));
        var refetched = await client.GetAsync(query);
        proxy.Clock.Advance(TimeSpan.FromSeconds(61));
        upstream.Server.Reset();
        upstream.Answer("/api/v1/latests", 500, "text/html", "<h1>Internal Server Error</h1>"u8.ToArray());
        var stale = await client.GetAsync(query);
        proxy.Clock.Advance(TimeSpan.FromHours(2));
        var tooOld = await client.GetAsync(query);

        Assert.Equal("upstream", refetched.Source());
        Assert.Equal("stale", stale.Source());
        Assert.Equal("ZTF19acihgng", Assert.Single(await ApiJson.Records(stale))["i:objectId"].GetString());
        Assert.Contains("HTTP 500", await ApiJson.AssertError(tooOld, "upstream", status: 502));
    }

    [Fact]
    public async Task Classes_and_schema_are_upstreams_own_lists()
    {
        using var upstream = new FakeFinkUpstream();
        const string classes = """{"Cross-match with SIMBAD (see http://simbad.u-strasbg.fr/simbad/sim-display?data=otypes)": ["(SIMBAD) QSO"], "Cross-match with TNS": ["(TNS) SN Ia"], "Fink classifiers": ["Early SN Ia candidate", "Brand new class"]}""";
        upstream.AnswerJson("/api/v1/classes", classes, "GET");
        upstream.Answer("/api/v1/schema", 200, "application/json", "[1, 2]"u8.ToArray(), "GET");
        using var proxy = new ProxyServer(upstream);
        var client = proxy.Client();

        var first = await client.GetAsync("/api/v1/classes");
        var second = await client.GetAsync("/api/v1/classes");
        var schema = await client.GetAsync("/api/v1/schema");

        Assert.Equal(("upstream", "cache"), (first.Source(), second.Source()));
        Assert.Equal(classes, await second.Content.ReadAsStringAsync());
        Assert.Contains("not what the contract documents", await ApiJson.AssertError(schema, "upstream", status: 502));
    }

    [Fact]
    public async Task A_cutout_is_relayed_byte_for_byte_with_its_type_and_name()
    {
        using var upstream = new FakeFinkUpstream();
        var png = await (await samples.CreateClient().GetAsync($"/api/v1/cutouts?objectId={UpstreamSamples.ObjectId}&kind=Science")).Content.ReadAsByteArrayAsync();
        upstream.Answer("/api/v1/cutouts", 200, "image/png", png, disposition: $"attachment; filename={UpstreamSamples.ObjectId}_Science.png");
        using var proxy = new ProxyServer(upstream);

        var answer = await proxy.Client().GetAsync($"/api/v1/cutouts?objectId={UpstreamSamples.ObjectId}&kind=Science&colormap=viridis");

        Assert.Equal(200, (int)answer.StatusCode);
        Assert.Equal("image/png", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{UpstreamSamples.ObjectId}_Science.png", answer.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(png, await answer.Content.ReadAsByteArrayAsync());
        Assert.Equal("viridis", upstream.LastBody("/api/v1/cutouts")["colormap"]!.GetValue<string>());
    }
}
