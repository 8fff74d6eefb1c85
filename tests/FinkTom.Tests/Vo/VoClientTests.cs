using System.Globalization;
using System.Text.Json;
using FinkTom.Core.Sky;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Vo;

/// <summary>
/// Real VO clients from Debian against the real server: pyvo (cone search, TAP sync and async, table metadata) with its
/// answers compared to the REST API's, and STILTS (<c>taplint</c> must report no errors; <c>tapquery</c> round trip).
/// </summary>
[Collection(VoServerCollection.Name)]
public sealed class VoClientTests(VoServer server)
{
    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Pyvo_cone_search_and_TAP_queries_answer_what_the_REST_API_answers()
    {
        VoServer.Require(VoServer.PyvoPresent, "python3-pyvo");
        using var api = server.Api();
        var latest = await ApiJson.Records(await api.GetAsync("/api/v1/latests?class=Unknown&n=5&columns=i:ra,i:dec"));
        var (ra, dec, sr) = (latest[0].Num("i:ra"), latest[0].Num("i:dec"), 3.0);

        var script = Path.Combine(TestPaths.RepoRoot, "tests", "FinkTom.Tests", "Vo", "pyvo_client.py");
        var run = await VoServer.Run("/usr/bin/python3", [script, server.BaseUrl, F(ra), F(dec), F(sr)], TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        using var result = JsonDocument.Parse(run.Out);
        var root = result.RootElement;

        // Cone search: the objects and their latest alerts, nearest first, as /api/v1/conesearch.
        var rest = await ApiJson.Records(await api.GetAsync($"/api/v1/conesearch?ra={F(ra)}&dec={F(dec)}&radius={F(sr * 3600)}&columns=i:objectId,i:candid"));
        Assert.NotEmpty(rest);
        Assert.Equal(rest.Select(r => (r.Str("i:objectId"), r["i:candid"].GetInt64())),
            root.GetProperty("scs").EnumerateArray().Select(r => (r[0].GetString()!, r[1].GetInt64())));

        // TAP: every alert in the cone; its objects are the cone search's, and each object's alerts are /api/v1/objects'.
        var sync = root.GetProperty("sync").EnumerateArray().Select(r => (Candid: r[0].GetInt64(), ObjectId: r[1].GetString()!)).ToList();
        Assert.Equal(rest.Select(r => r.Str("i:objectId")).Order(), sync.Select(s => s.ObjectId).Distinct().Order());
        foreach (var objectId in sync.Select(s => s.ObjectId).Distinct().Take(5))
        {
            var alerts = await ApiJson.Records(await api.GetAsync($"/api/v1/objects?objectId={objectId}&columns=i:candid,i:ra,i:dec"));
            var inside = alerts.Where(a => SkyMath.SeparationDeg(ra, dec, a.Num("i:ra"), a.Num("i:dec")) <= sr).Select(a => a["i:candid"].GetInt64()).Order();
            Assert.Equal(inside, sync.Where(s => s.ObjectId == objectId).Select(s => s.Candid).Order());
        }
        Assert.True(root.GetProperty("async_phase").GetString() == "COMPLETED",
            $"async job {root.GetProperty("async_phase")}: {(root.TryGetProperty("async_error", out var why) ? why.ToString() : "")}");
        Assert.Equal(sync, root.GetProperty("async").EnumerateArray().Select(r => (r[0].GetInt64(), r[1].GetString()!)));

        var tables = root.GetProperty("tables");
        Assert.Equal(Core.Model.ColumnCatalog.Stored.Count, tables.GetProperty("ztf.alerts").GetArrayLength());
        Assert.True(tables.TryGetProperty("ztf.objects", out _));
        Assert.Contains("nosuch", root.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Stilts_taplint_reports_no_errors()
    {
        VoServer.Require(VoServer.StiltsPresent, "stilts");
        var run = await VoServer.Run(VoServer.Stilts, ["taplint", $"tapurl={server.BaseUrl}/tap", "report=EW"], TimeSpan.FromMinutes(8));
        TestContext.Current.TestOutputHelper?.WriteLine(run.Out);
        Assert.Contains("Totals: Errors: 0;", run.Out);
    }

    [Fact]
    public async Task Stilts_cone_search_reads_the_objects_the_REST_conesearch_gives()
    {
        VoServer.Require(VoServer.StiltsPresent, "stilts");
        using var api = server.Api();
        var latest = await ApiJson.Records(await api.GetAsync("/api/v1/latests?class=Unknown&n=1&columns=i:ra,i:dec"));
        var (ra, dec) = (latest[0].Num("i:ra"), latest[0].Num("i:dec"));
        var run = await VoServer.Run(VoServer.Stilts,
            ["cone", $"serviceurl={server.BaseUrl}/scs?", $"lon={F(ra)}", $"lat={F(dec)}", "radius=3", "verb=1", "ofmt=csv", "out=-"],
            TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["objectId", "ra", "dec", "separation"], lines[0].Split(','));
        var rest = await ApiJson.Records(await api.GetAsync($"/api/v1/conesearch?ra={F(ra)}&dec={F(dec)}&radius=10800&columns=i:objectId"));
        Assert.NotEmpty(rest);
        Assert.Equal(rest.Select(r => r.Str("i:objectId")), lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task Stilts_tapquery_reads_back_the_alerts_with_exact_ids()
    {
        VoServer.Require(VoServer.StiltsPresent, "stilts");
        var run = await VoServer.Run(VoServer.Stilts,
            ["tapquery", $"tapurl={server.BaseUrl}/tap", "adql=SELECT TOP 5 candid, objectId FROM ztf.alerts ORDER BY candid DESC", "ofmt=csv", "out=-"],
            TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, run.Error);
        using var api = server.Api();
        var rows = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(5, rows.Count);
        foreach (var row in rows)
        {
            var alert = await ApiJson.Records(await api.GetAsync($"/api/v1/objects?objectId={row[1]}&columns=i:candid"));
            Assert.Contains(alert, a => a["i:candid"].GetInt64().ToString(CultureInfo.InvariantCulture) == row[0]);
        }
        var candids = rows.Select(r => long.Parse(r[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(candids.OrderDescending(), candids);
    }
}
