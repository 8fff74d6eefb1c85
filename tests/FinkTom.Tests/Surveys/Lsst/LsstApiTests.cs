using System.Globalization;
using System.Net;
using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Core.Surveys;
using FinkTom.Server.Lsst.Endpoints;
using FinkTom.Tests.Support;
using Parquet;

namespace FinkTom.Tests.Surveys.Lsst;

/// <summary>
/// Fink's LSST API at <c>/lsst/api/v1</c> on the bundled Rubin sample (7 Fink Data Transfer alerts: 5 static objects,
/// 2 asteroids), checked against the alerts decoded straight from the file and against Fink's own tests' rules
/// (contract fink-lsst-api.md §2).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LsstApiTests(FinkTomFactory factory)
{
    private const string Api = "/lsst/api/v1";
    private static readonly List<Alert> Sample = LsstSamples.Read(LsstSamples.DataTransfer);
    private static readonly List<Alert> Static = Sample.Where(a => a["r:diaObjectId"] is long).ToList();

    private readonly HttpClient _client = factory.CreateClient();

    private static string ObjectOf(Alert alert) => alert.ObjectId;

    [Fact]
    public async Task Sources_returns_every_diaSource_of_the_object_newest_first_with_fink_s_131_columns()
    {
        var alert = Static[0];
        var rows = await ApiJson.Records(await _client.GetAsync($"{Api}/sources?diaObjectId={ObjectOf(alert)}"));

        var expected = Sample.Where(a => a.ObjectId == alert.ObjectId).OrderByDescending(a => a.Time).ToList();
        Assert.Equal(expected.Select(a => a.Id), rows.Select(r => r["r:diaSourceId"].GetInt64()));
        Assert.All(rows, r => Assert.Equal(131, r.Count));
        Assert.Equal(alert.ObjectId[^3..], rows[0].Str("r:salt"));
        Assert.Equal(alert["r:band"], rows[0].Str("r:band"));
        Assert.Equal((double)(float)alert["r:psfFlux"]!, rows[0].Num("r:psfFlux"), 3);
    }

    [Fact]
    public async Task Sources_of_two_objects_add_up_and_unknown_ids_give_an_empty_table()
    {
        var (a, b) = (ObjectOf(Static[0]), ObjectOf(Static[1]));
        var one = await ApiJson.Records(await _client.GetAsync($"{Api}/sources?diaObjectId={a}"));
        var two = await ApiJson.Records(await _client.GetAsync($"{Api}/sources?diaObjectId={b}"));
        var both = await ApiJson.Records(await ApiJson.Post(_client, $"{Api}/sources", new { diaObjectId = $"{a}, {b}" }));
        var unknown = await ApiJson.Records(await _client.GetAsync($"{Api}/sources?diaObjectId=ldfksjflkdsjf"));

        Assert.Equal(one.Count + two.Count, both.Count);
        Assert.Equal(2, both.Select(r => r["r:diaObjectId"].GetInt64()).Distinct().Count());
        Assert.Empty(unknown);
    }

    [Fact]
    public async Task Requested_columns_are_exactly_those_returned()
    {
        var rows = await ApiJson.Records(await _client.GetAsync($"{Api}/sources?diaObjectId={ObjectOf(Static[0])}&columns=r:midpointMjdTai,r:psfFlux"));

        Assert.All(rows, r => Assert.Equal(["r:midpointMjdTai", "r:psfFlux"], r.Keys.Order()));
        await ApiJson.AssertError(await _client.GetAsync($"{Api}/sources?diaObjectId=1&columns=i:magpsf"), "columns");
    }

    [Fact]
    public async Task Ids_are_exact_64_bit_integers_in_json_csv_and_parquet()
    {
        var alert = Static[0];
        var url = $"{Api}/sources?diaObjectId={ObjectOf(alert)}&columns=r:diaSourceId,r:diaObjectId";
        var json = await _client.GetStringAsync(url);
        var csv = await _client.GetStringAsync(url + "&output-format=csv");
        await using var parquet = await ParquetReader.CreateAsync(new MemoryStream(await _client.GetByteArrayAsync(url + "&output-format=parquet")));
        var field = parquet.Schema.DataFields.Single(f => f.Name == "r:diaSourceId");
        using var group = parquet.OpenRowGroupReader(0);
        var ids = new long?[group.RowCount];
        await group.ReadAsync<long>(field, ids.AsMemory());

        var id = alert.Id.ToString(CultureInfo.InvariantCulture);
        Assert.Contains($"\"r:diaSourceId\":{id}", json); // a bare integer with every digit
        Assert.Contains(id, csv.Split('\n').Skip(1).SelectMany(l => l.Split(',')));
        Assert.Contains(alert.Id, ids.Select(i => i!.Value));
    }

    [Fact]
    public async Task Objects_give_one_summary_row_per_object_with_the_object_s_own_position()
    {
        var alert = Static[0];
        var rows = await ApiJson.Records(await _client.GetAsync($"{Api}/objects?diaObjectId={ObjectOf(alert)},{ObjectOf(Static[1])}"));

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(91, r.Count));
        var row = rows.Single(r => r["r:diaObjectId"].GetInt64() == (long)alert["r:diaObjectId"]!);
        var latest = Sample.Where(a => a.ObjectId == alert.ObjectId).MaxBy(a => a.Time)!;
        Assert.Equal((double)latest["o:ra"]!, row.Num("r:ra"), 9); // diaObject.ra, not diaSource.ra
        Assert.Equal((int)latest["r:nDiaSources"]!, row["r:nDiaSources"].GetInt32());
    }

    [Fact]
    public async Task Forced_photometry_lists_each_measurement_once_newest_first()
    {
        var alert = Static[0];
        var rows = await ApiJson.Records(await _client.GetAsync($"{Api}/fp?diaObjectId={ObjectOf(alert)}"));

        var expected = Sample.Where(a => a.ObjectId == alert.ObjectId).SelectMany(a => a.Measurements)
            .Where(m => m.Kind.Stored).DistinctBy(m => m.Id).ToList();
        Assert.Equal(expected.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(15, r.Count));
        var times = rows.Select(r => r.Num("r:midpointMjdTai")).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.Equal(expected.Select(m => m.Id).Order(), rows.Select(r => r["r:diaForcedSourceId"].GetInt64()).Order());
    }

    [Fact]
    public async Task Conesearch_gives_one_row_per_object_nearest_first_within_the_radius()
    {
        var alert = Static[0];
        var ra = alert.Ra.ToString("R", CultureInfo.InvariantCulture);
        var dec = alert.Dec.ToString("R", CultureInfo.InvariantCulture);
        var rows = await ApiJson.Records(await _client.GetAsync($"{Api}/conesearch?ra={ra}&dec={dec}&radius=5"));

        Assert.Contains(rows, r => r["r:diaObjectId"].GetInt64() == (long)alert["r:diaObjectId"]!);
        Assert.Equal(rows.Count, rows.Select(r => r["r:diaObjectId"].GetInt64()).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(214 + 1, r.Count)); // Fink's cone table and v:separation_degree (contract §1.6)
        Assert.All(rows, r => Assert.InRange(r.Num("v:separation_degree"), 0, 5 / 3600.0));
        var few = await ApiJson.Records(await _client.GetAsync($"{Api}/conesearch?ra={ra}&dec={dec}&radius=5&columns=r:diaObjectId"));
        Assert.All(few, r => Assert.Equal(["r:dec", "r:diaObjectId", "r:midpointMjdTai", "r:ra", "v:separation_degree"], r.Keys.Order()));
        Assert.Empty(await ApiJson.Records(await _client.GetAsync($"{Api}/conesearch?ra=0&dec=80&radius=1")));
    }

    [Fact]
    public async Task Conesearch_refuses_what_fink_refuses()
    {
        var text = await ApiJson.AssertError(await _client.GetAsync($"{Api}/conesearch?ra=10&dec=10&radius=36000"), "radius");
        Assert.Contains("cannot be bigger than 18,000 arcseconds", text);
        text = await ApiJson.AssertError(await _client.GetAsync($"{Api}/conesearch?ra=10&dec=10&radius=5&startdate=2026-01-10&columns=r:diaObjectId"), "columns");
        Assert.Contains("f:firstDiaSourceMjdTaiFink", text);
        await ApiJson.AssertError(await _client.GetAsync($"{Api}/conesearch?ra=kfdlkj&dec=10&radius=5"), "ra");
    }

    [Fact]
    public async Task Cutouts_are_keyed_by_diaSourceId_and_fits_comes_back_byte_for_byte()
    {
        var alert = Sample[0];
        var fits = await _client.GetAsync($"{Api}/cutouts?diaSourceId={alert.Id}&kind=Science&output-format=FITS");
        var png = await _client.GetAsync($"{Api}/cutouts?diaSourceId={alert.Id}&kind=Difference");
        var arrays = JsonDocument.Parse(await _client.GetStringAsync($"{Api}/cutouts?diaSourceId={alert.Id}&kind=All&output-format=array"));
        var unknown = await _client.GetAsync($"{Api}/cutouts?diaSourceId=12345&kind=Science");

        Assert.Equal(alert.Cutouts!.Science, await fits.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["b:cutoutDifference", "b:cutoutScience", "b:cutoutTemplate"], arrays.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.True(arrays.RootElement.GetProperty("b:cutoutScience").GetArrayLength() >= 30);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Empty(await unknown.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Schema_lists_every_column_a_data_row_carries()
    {
        var schema = JsonDocument.Parse(await _client.GetStringAsync($"{Api}/schema?endpoint=/api/v1/sources")).RootElement;
        var row = (await ApiJson.Records(await _client.GetAsync($"{Api}/sources?diaObjectId={ObjectOf(Static[0])}")))[0];

        var listed = schema.EnumerateObject().SelectMany(section => section.Value.EnumerateObject()
            .Select(f => (section.Name.Contains("(r:)") ? "r:" : "f:") + f.Name)).ToHashSet();
        Assert.All(row.Keys.Where(k => k != "r:salt"), k => Assert.Contains(k, listed));
        Assert.Equal("long", schema.GetProperty("LSST original fields (r:)").GetProperty("diaSourceId").GetProperty("type").GetString());
        await ApiJson.AssertError(await _client.GetAsync($"{Api}/schema?endpoint=/api/v1/nothing"), "endpoint", 404);
    }

    [Fact]
    public async Task Asteroid_alerts_are_found_by_provisional_or_packed_designation()
    {
        var byName = await ApiJson.Records(await _client.GetAsync($"{Api}/sso?n_or_d=2004 JQ12"));
        var byPacked = await ApiJson.Records(await _client.GetAsync($"{Api}/sso?n_or_d=K04J12Q"));

        Assert.Single(byName);
        Assert.Equal(byName[0]["r:diaSourceId"].GetInt64(), byPacked[0]["r:diaSourceId"].GetInt64());
        Assert.Equal("2004 JQ12", byName[0].Str("f:sso_name"));
        Assert.Equal(21163624394469969L, byName[0]["r:ssObjectId"].GetInt64());
        var text = await ApiJson.AssertError(await _client.GetAsync($"{Api}/sso?n_or_d=Ukyounodaibu"), "n_or_d");
        Assert.Contains("quaero", text);
    }

    [Fact]
    public async Task WithOrbit_adds_the_MPC_orbit_the_asteroid_alert_carried()
    {
        var alert = Sample.Single(a => a["r:packed_primary_provisional_designation"] is "K04J12Q");
        Assert.IsType<double>(alert["r:a"]); // the sample's mpc_orbits has a real orbit

        var plain = Assert.Single(await ApiJson.Records(await _client.GetAsync($"{Api}/sso?n_or_d=K04J12Q")));
        var orbit = Assert.Single(await ApiJson.Records(await _client.GetAsync($"{Api}/sso?n_or_d=K04J12Q&withOrbit=true")));

        Assert.False(plain.ContainsKey("r:a")); // Fink's columns unless asked
        foreach (var name in new[] { "r:a", "r:q", "r:e", "r:i", "r:node", "r:argperi", "r:mean_anomaly", "r:epoch_mjd" })
            Assert.Equal((double?)alert[name], orbit[name].ValueKind == JsonValueKind.Null ? null : orbit[name].GetDouble());
        Assert.Equal(plain.Count + SsoEndpoint.Orbit.Count, orbit.Count);
    }

    [Fact]
    public async Task Resolver_answers_reverse_lookups_from_the_store()
    {
        var sso = await ApiJson.Records(await _client.GetAsync($"{Api}/resolver?resolver=ssodnet&name_or_id=21163624394469969&reverse=True"));
        var simbad = await ApiJson.Records(await _client.GetAsync($"{Api}/resolver?resolver=simbad&name_or_id={ObjectOf(Static[0])}&reverse=True"));

        Assert.Equal("K04J12Q", Assert.Single(sso).Str("r:packed_primary_provisional_designation"));
        Assert.Equal((long)Static[0]["r:diaObjectId"]!, Assert.Single(simbad)["r:diaObjectId"].GetInt64());
        await ApiJson.AssertError(await _client.GetAsync($"{Api}/resolver?resolver=simbad&name_or_id=M31"), "resolver");
    }

    [Fact]
    public async Task Statistics_count_the_alerts_of_each_night()
    {
        var rows = await ApiJson.Records(await _client.GetAsync($"{Api}/statistics?date="));
        var expected = Sample.GroupBy(a => FinkTom.Server.Lsst.Endpoints.StatisticsEndpoint.NightOf(a.Time)).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(expected.Keys.Order(), rows.Select(r => r.Str("f:night")));
        Assert.All(rows, r => Assert.Equal(expected[r.Str("f:night")], r["f:alerts"].GetInt64()));
        Assert.All(rows, r => Assert.Equal(22, r.Count));
        var night = rows[0].Str("f:night");
        Assert.Equal(2, (await ApiJson.Records(await _client.GetAsync($"{Api}/statistics?date={night}&columns=f:night,f:alerts")))[0].Count);
    }

    [Fact]
    public async Task Tags_list_fink_s_twelve_tags_and_refuse_unknown_ones()
    {
        var list = JsonDocument.Parse(await _client.GetStringAsync($"{Api}/tags")).RootElement;
        var blocks = JsonDocument.Parse(await _client.GetStringAsync($"{Api}/blocks")).RootElement;

        Assert.Equal(12, list.EnumerateObject().Count());
        Assert.True(list.GetProperty("in_tns").GetProperty("API support").GetBoolean());
        Assert.Equal(16, blocks.EnumerateObject().Count());
        await ApiJson.AssertError(await _client.GetAsync($"{Api}/tags?tag=nothing"), "tag");
        await ApiJson.AssertError(await _client.GetAsync($"{Api}/tags?tag=uniform_sample"), "tag"); // livestream only
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"{Api}/tags?tag=in_tns&n=5")).StatusCode);
    }

    [Fact]
    public async Task The_ztf_api_does_not_see_rubin_alerts()
    {
        var rows = await ApiJson.Records(await _client.GetAsync($"/api/v1/objects?objectId={ObjectOf(Static[0])}"));
        Assert.Empty(rows);
    }
}

/// <summary><c>/lsst/api/v1/skymap</c> with the map Fink's own LSST test sends (S251112cm, shipped in samples/skymaps).</summary>
[Collection(ApiCollection.Name)]
public sealed class LsstSkyMapTests(FinkTomFactory factory)
{
    private static readonly string Map = FinkTom.Tests.SkyMaps.GravitationalWaveMapTests.PythonLiteral(
        File.ReadAllBytes(TestPaths.Sample("skymaps/S251112cm_bayestar.fits.gz")));

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_whole_sky_holds_every_static_object_once_with_the_event_time_in_tai()
    {
        var rows = await ApiJson.Records(await ApiJson.Post(_client, "/lsst/api/v1/skymap", new { bayestar = Map, credible_level = 1.0 }));

        var objects = LsstSamples.Read(LsstSamples.DataTransfer).Where(a => a["r:diaObjectId"] is long).Select(a => a.ObjectId).Distinct();
        Assert.Equal(objects.Order(), rows.Select(r => r["r:diaObjectId"].GetInt64().ToString(CultureInfo.InvariantCulture)).Order());
        // DATE-OBS 2025-11-12T15:18:45.363 (UTC) + 37 s, as an MJD.
        Assert.All(rows, r => Assert.Equal(60991.638025034722 + 37 / 86400.0, r.Num("v:startgwMjdTai"), 6));
    }

    [Fact]
    public async Task Fink_s_test_level_finds_nothing_here_and_a_missing_map_is_a_clear_error()
    {
        Assert.Empty(await ApiJson.Records(await ApiJson.Post(_client, "/lsst/api/v1/skymap", new { bayestar = Map, credible_level = 0.1 })));
        await ApiJson.AssertError(await ApiJson.Post(_client, "/lsst/api/v1/skymap", new { event_name = "S251112cm", credible_level = 0.1 }), "event_name");
    }
}

/// <summary>Fink's monthly asteroid products are not computed here: a clear 501, not a bare 404.</summary>
[Collection(ApiCollection.Name)]
public sealed class LsstSolarSystemTablesTests(FinkTomFactory factory)
{
    [Theory]
    [InlineData("/lsst/api/v1/ssoft")]
    [InlineData("/lsst/api/v1/ssobulk?output-format=parquet")]
    public async Task Ssoft_and_ssobulk_say_they_are_not_computed(string path)
    {
        var text = await ApiJson.AssertError(await factory.CreateClient().GetAsync(path), path.Split('/')[^1].Split('?')[0], 501);
        Assert.Contains("/lsst/api/v1/sso", text);
    }
}

[Collection(ApiCollection.Name)]
public sealed class LsstHealthTests(FinkTomFactory factory)
{
    [Fact]
    public async Task Health_reports_the_rubin_store_beside_ztf_s()
    {
        using var health = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/health"));
        var rubin = health.RootElement.GetProperty("rubin");

        Assert.Equal(7, rubin.GetProperty("alerts").GetInt64());
        Assert.Equal(5, rubin.GetProperty("objects").GetInt64()); // the two asteroid alerts have no object
        Assert.InRange(rubin.GetProperty("lastMjdTai").GetDouble(), 61105, 61106);
        Assert.Equal(352 - 2, health.RootElement.GetProperty("alerts").GetInt64()); // ZTF's, two samples repeat an alert
    }
}
