using System.Globalization;
using FinkTom.Core.Time;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class SsoAndExplorerApiTests(FinkTomFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Sso_returns_the_alerts_of_a_known_solar_system_object()
    {
        var alerts = await factory.AllAlertsAsync();
        var name = alerts.Select(a => a["i:ssnamenr"] as string).First(s => s is not null and not "null" && s.All(char.IsAsciiDigit))!;
        var expected = alerts.Where(a => (string?)a["i:ssnamenr"] == name).OrderByDescending(a => a.Jd).ThenByDescending(a => a.Candid).Select(a => a.Candid);

        var rows = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/sso", new { n_or_d = name }));

        Assert.Equal(expected, rows.Select(r => r["i:candid"].GetInt64()));
        Assert.All(rows, r => Assert.Equal(name, r.Str("sso_name")));
        Assert.All(rows, r => Assert.Equal(name, r.Str("sso_number")));
    }

    [Fact]
    public async Task Sso_with_columns_always_carries_ssnamenr_and_unknown_names_give_nothing()
    {
        var name = (await factory.AllAlertsAsync()).Select(a => a["i:ssnamenr"] as string).First(s => s is not null and not "null")!;
        var rows = await ApiJson.Records(await _client.GetAsync($"/api/v1/sso?n_or_d={name}&columns=i:jd,i:magpsf"));
        Assert.All(rows, r => Assert.Equal(["i:jd", "i:magpsf", "i:ssnamenr", "sso_name", "sso_number"], r.Keys));
        Assert.Empty(await ApiJson.Records(await _client.GetAsync("/api/v1/sso?n_or_d=999999999")));
    }

    [Fact]
    public async Task Sso_refuses_ephemerides_it_cannot_compute()
    {
        await ApiJson.AssertError(await ApiJson.Post(_client, "/api/v1/sso", new { n_or_d = "8467", withEphem = true }), "withEphem");
    }

    [Fact]
    public async Task Explorer_object_group_returns_the_latest_alert_of_each_object()
    {
        var multi = (await factory.AllAlertsAsync()).GroupBy(a => a.ObjectId).First(g => g.Count() > 1);
        var rows = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/explorer", new { objectId = multi.Key }));
        Assert.Equal(multi.MaxBy(a => a.Jd)!.Candid, rows.Single()["i:candid"].GetInt64());
    }

    [Fact]
    public async Task Explorer_cone_group_equals_conesearch()
    {
        var a = (await factory.AllAlertsAsync())[5];
        var query = $"ra={a.Ra.ToString("R", CultureInfo.InvariantCulture)}&dec={a.Dec.ToString("R", CultureInfo.InvariantCulture)}&radius=600";
        Assert.Equal(await _client.GetStringAsync("/api/v1/conesearch?" + query), await _client.GetStringAsync("/api/v1/explorer?" + query));
    }

    [Fact]
    public async Task Explorer_date_search_returns_objects_seen_in_the_window_of_minutes()
    {
        var alerts = await factory.AllAlertsAsync();
        var start = alerts.Min(a => a.Jd);
        var expected = alerts.Where(a => a.Jd >= start && a.Jd <= start + 30.0 / 1440).Select(a => a.ObjectId).Distinct().Order();

        var rows = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/explorer", new { startdate = JulianDate.ToIso(start), window = 30 }));

        Assert.Equal(expected, rows.Select(r => r.Str("i:objectId")).Order());
    }

    [Theory]
    [InlineData("objectId=ZTF19acihgng&ra=1&dec=1&radius=1", "ra")] // the error names a parameter to fix
    [InlineData("objectId=ZTF19acihgng&radius=1", "radius")]
    [InlineData("", "objectId")]
    [InlineData("ra=1&dec=1", "radius")]
    [InlineData("startdate=2020-01-01&window=181", "window")]
    [InlineData("window=10", "startdate")]
    public async Task Explorer_rejects_mixed_or_incomplete_groups(string query, string? parameter)
    {
        await ApiJson.AssertError(await _client.GetAsync("/api/v1/explorer?" + query), parameter);
    }
}
