using System.Globalization;
using FinkTom.Core.Sky;
using FinkTom.Core.Time;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ConeSearchApiTests(FinkTomFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Every_cone_returns_exactly_the_objects_a_brute_force_great_circle_search_finds()
    {
        var alerts = await factory.AllAlertsAsync();
        var random = new Random(3);
        for (var i = 0; i < 40; i++)
        {
            var anchor = alerts[random.Next(alerts.Count)];
            var radiusArcsec = Math.Pow(10, random.NextDouble() * 4.2); // 1" to ~4.4°
            var ra = (anchor.Ra + (random.NextDouble() - 0.5) * radiusArcsec / 3600 + 360) % 360;
            var dec = Math.Clamp(anchor.Dec + (random.NextDouble() - 0.5) * radiusArcsec / 3600, -90, 90);

            // One row per object with an alert inside the cone (its latest such alert, as Fink groups after the cut).
            var expectedIds = alerts.Where(a => SkyMath.SeparationDeg(ra, dec, a.Ra, a.Dec) <= radiusArcsec / 3600)
                .Select(a => a.ObjectId).Distinct().Order().ToList();

            var rows = await ApiJson.Records(await _client.GetAsync($"/api/v1/conesearch?ra={F(ra)}&dec={F(dec)}&radius={F(radiusArcsec)}"));

            Assert.Equal(expectedIds, rows.Select(r => r.Str("i:objectId")).Order());
            var seps = rows.Select(r => r.Num("v:separation_degree")).ToList();
            Assert.Equal(seps.Order(), seps);
            Assert.All(rows, r => Assert.InRange(r.Num("v:separation_degree"), 0, radiusArcsec / 3600));
            Assert.All(rows, r => Assert.Equal(SkyMath.SeparationDeg(ra, dec, r.Num("i:ra"), r.Num("i:dec")), r.Num("v:separation_degree"), 12));
        }
    }

    [Fact]
    public async Task Default_columns_are_the_index_columns_plus_separation()
    {
        var a = (await factory.AllAlertsAsync())[0];
        var rows = await ApiJson.Records(await _client.GetAsync($"/api/v1/conesearch?ra={F(a.Ra)}&dec={F(a.Dec)}&radius=5"));

        Assert.Equal(
            ["i:objectId", "i:candid", "i:ra", "i:dec", "i:jd", "i:jdstarthist", "i:magpsf", "i:sigmapsf", "i:fid", "i:distnr", "i:drb", "d:cdsxmatch", "d:nalerthist", "d:classification", "v:separation_degree"],
            rows[0].Keys);
    }

    [Fact]
    public async Task Latest_alert_per_object_is_returned()
    {
        var alerts = await factory.AllAlertsAsync();
        var multi = alerts.GroupBy(a => a.ObjectId).First(g => g.Count() > 1);
        var latest = multi.MaxBy(a => a.Jd)!;

        var rows = await ApiJson.Records(await _client.GetAsync($"/api/v1/conesearch?ra={F(latest.Ra)}&dec={F(latest.Dec)}&radius=10"));

        var row = rows.Single(r => r.Str("i:objectId") == multi.Key);
        Assert.Equal(latest.Candid, row["i:candid"].GetInt64());
    }

    [Fact]
    public async Task Sexagesimal_coordinates_give_the_same_answer_as_degrees()
    {
        var a = (await factory.AllAlertsAsync()).First(x => x.Dec > 0);
        var hours = a.Ra / 15;
        var (h, m, s) = ((int)hours, (int)(hours * 60 % 60), hours * 3600 % 60);
        var (d, dm, ds) = ((int)a.Dec, (int)(a.Dec * 60 % 60), a.Dec * 3600 % 60);
        var hms = $"{h}h{m}m{s.ToString("R", CultureInfo.InvariantCulture)}s";
        var colon = $"{h}:{m}:{s.ToString("R", CultureInfo.InvariantCulture)}";
        var dms = $"+{d}:{dm}:{ds.ToString("R", CultureInfo.InvariantCulture)}";

        var degrees = await _client.GetStringAsync($"/api/v1/conesearch?ra={F(a.Ra)}&dec={F(a.Dec)}&radius=30&columns=i:objectId");
        var viaHms = await (await ApiJson.Post(_client, "/api/v1/conesearch", new { ra = hms, dec = $"{d}d{dm}m{ds.ToString("R", CultureInfo.InvariantCulture)}s", radius = 30, columns = "i:objectId" })).Content.ReadAsStringAsync();
        var viaColon = await (await ApiJson.Post(_client, "/api/v1/conesearch", new { ra = colon, dec = dms, radius = "30", columns = "i:objectId" })).Content.ReadAsStringAsync();

        Assert.Contains(a.ObjectId, degrees);
        Assert.Equal(Ids(degrees), Ids(viaHms));
        Assert.Equal(Ids(degrees), Ids(viaColon));

        static string Ids(string json) => string.Join(",", System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.GetProperty("i:objectId").GetString()));
    }

    [Fact]
    public async Task Dates_filter_on_the_first_detection_and_n_caps_the_rows()
    {
        var alerts = await factory.AllAlertsAsync();
        var latest = alerts.GroupBy(a => a.ObjectId).Select(g => g.MaxBy(a => a.Jd)!).ToList();
        var centre = alerts.First(a => a.ObjectId.StartsWith("ZTF20")); // the 2020 night: a dense field
        var cutJd = latest.Select(a => (double)a["i:jdstarthist"]!).Order().ElementAt(latest.Count / 2);
        var cut = JulianDate.ToIso(cutJd);

        var all = await ApiJson.Records(await _client.GetAsync($"/api/v1/conesearch?ra={F(centre.Ra)}&dec={F(centre.Dec)}&radius=18000"));
        var after = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/conesearch", new { ra = centre.Ra, dec = centre.Dec, radius = 18000, startdate = cut }));
        var capped = await ApiJson.Records(await _client.GetAsync($"/api/v1/conesearch?ra={F(centre.Ra)}&dec={F(centre.Dec)}&radius=18000&n=3"));

        Assert.True(all.Count > 3);
        Assert.All(after, r => Assert.True(r.Num("i:jdstarthist") >= cutJd - 1e-6));
        Assert.True(after.Count < all.Count);
        var window = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/conesearch", new { ra = centre.Ra, dec = centre.Dec, radius = 18000, startdate = cut, window = 1.5 }));
        var stop = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/conesearch", new { ra = centre.Ra, dec = centre.Dec, radius = 18000, startdate = cutJd, stopdate = cutJd + 1.5 }));
        Assert.Equal(stop.Select(r => r.Str("i:objectId")), window.Select(r => r.Str("i:objectId")));
        Assert.All(window, r => Assert.InRange(r.Num("i:jdstarthist"), cutJd - 1e-6, cutJd + 1.5));
        Assert.Equal(all.Take(3).Select(r => r.Str("i:objectId")), capped.Select(r => r.Str("i:objectId")));
    }

    [Fact]
    public async Task Columns_always_include_ra_and_dec()
    {
        var a = (await factory.AllAlertsAsync())[0];
        var rows = await ApiJson.Records(await _client.GetAsync($"/api/v1/conesearch?ra={F(a.Ra)}&dec={F(a.Dec)}&radius=5&columns=i:objectId,i:magpsf"));
        Assert.Equal(["i:objectId", "i:magpsf", "i:ra", "i:dec", "v:separation_degree"], rows[0].Keys);
    }

    [Theory]
    [InlineData("ra=10&dec=10&radius=18001", "radius", "`radius` cannot be bigger than 18,000 arcseconds (5 degrees).")]
    [InlineData("ra=10&dec=10&radius=-1", "radius", null)]
    [InlineData("ra=10&dec=10&radius=abc", "radius", null)]
    [InlineData("ra=kfdlkj&dec=10&radius=5", "ra", null)]
    [InlineData("ra=360.5&dec=10&radius=5", "ra", null)]
    [InlineData("ra=10&dec=91&radius=5", "dec", null)]
    [InlineData("ra=١٢:٣٠:٠٠&dec=10&radius=5", "ra", null)] // Arabic-Indic digits: found by the fuzz suite (was a 500)
    [InlineData("ra=10&dec=10", "radius", null)]
    [InlineData("ra=10&dec=10&radius=5&n=0", "n", null)]
    [InlineData("ra=10&dec=10&radius=5&n=100001", "n", null)]
    [InlineData("ra=10&dec=10&radius=5&startdate=yesterday", "startdate", null)]
    [InlineData("ra=10&dec=10&radius=5&window=2", "window", null)]
    public async Task Invalid_cones_are_400s_naming_the_parameter(string query, string parameter, string? text)
    {
        var message = await ApiJson.AssertError(await _client.GetAsync("/api/v1/conesearch?" + query), parameter);
        if (text is not null)
            Assert.Equal(text, message);
    }

    [Fact]
    public async Task A_long_run_of_digits_in_a_sexagesimal_ra_is_refused_at_once()
    {
        // Found by the fuzz suite: the sexagesimal pattern backtracks quadratically (16,000 digits took 2 s, and a body
        // may hold a million).
        var ra = "1 " + new string('1', 100_000) + "x";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await ApiJson.AssertError(await ApiJson.Post(_client, "/api/v1/conesearch", new { ra, dec = 10, radius = 5 }), "ra");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.False(CoordinateParser.TryParseDec(ra, out _, out _));
    }
}
