using FinkTom.Tests.Support;

namespace FinkTom.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class LatestsApiTests(FinkTomFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<(string Class, List<long> NewestFirst)> MostCommonSimbadClass()
    {
        var alerts = await factory.AllAlertsAsync();
        var group = alerts.GroupBy(a => (string)a["d:classification"]!)
            .Where(g => g.Key is not ("Unknown" or "SN candidate" or "Solar System MPC" or "Solar System candidate" or "Ambiguous" or "Tracklet"))
            .OrderByDescending(g => g.Count()).First();
        return (group.Key, group.OrderByDescending(a => a.Jd).ThenByDescending(a => a.Candid).Select(a => a.Candid).ToList());
    }

    [Fact]
    public async Task Returns_the_newest_alerts_of_the_class_up_to_n()
    {
        var (cls, expected) = await MostCommonSimbadClass();
        Assert.True(expected.Count >= 3, $"class {cls} should have a few alerts in the samples");

        var rows = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/latests", new { @class = cls, n = 2 }));
        var all = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/latests", new { @class = cls, n = 1000 }));

        Assert.Equal(expected.Take(2), rows.Select(r => r["i:candid"].GetInt64()));
        Assert.Equal(expected, all.Select(r => r["i:candid"].GetInt64()));
        Assert.All(all, r => Assert.Equal(cls, r.Str("v:classification")));
    }

    [Fact]
    public async Task Simbad_prefix_and_bare_label_are_the_same_class()
    {
        var (cls, _) = await MostCommonSimbadClass();
        var bare = await _client.GetStringAsync($"/api/v1/latests?class={Uri.EscapeDataString(cls)}&n=100");
        var prefixed = await _client.GetStringAsync($"/api/v1/latests?class={Uri.EscapeDataString("(SIMBAD) " + cls)}&n=100");
        Assert.Equal(bare, prefixed);
    }

    [Fact]
    public async Task Default_n_is_ten()
    {
        var rows = await ApiJson.Records(await _client.GetAsync("/api/v1/latests?class=Unknown"));
        Assert.Equal(10, rows.Count);
    }

    [Fact]
    public async Task Date_window_limits_the_alerts()
    {
        var (cls, _) = await MostCommonSimbadClass();
        var alerts = (await factory.AllAlertsAsync()).Where(a => (string?)a["d:classification"] == cls).OrderBy(a => a.Jd).ToList();
        var start = alerts[alerts.Count / 2].Jd;

        var rows = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/latests",
            new { @class = cls, n = 1000, startdate = start.ToString("R", System.Globalization.CultureInfo.InvariantCulture) }));

        Assert.Equal(alerts.Count(a => a.Jd >= start), rows.Count);
    }

    [Fact]
    public async Task Color_key_adds_the_colour_columns()
    {
        var without = await ApiJson.Records(await _client.GetAsync("/api/v1/latests?class=Unknown&n=1"));
        var with = await ApiJson.Records(await _client.GetAsync("/api/v1/latests?class=Unknown&n=1&color=false"));
        Assert.DoesNotContain("v:rate", without[0].Keys);
        Assert.Contains("v:rate", with[0].Keys); // Fink: the key's presence is what counts
    }

    [Fact]
    public async Task Trend_rising_and_fading_select_on_the_sign_of_the_magnitude_rate()
    {
        var alerts = await factory.AllAlertsAsync();
        var cls = alerts.Where(a => a["d:mag_rate"] is double r && r < 0).GroupBy(a => (string)a["d:classification"]!)
            .OrderByDescending(g => g.Count()).First().Key;
        var ofClass = alerts.Where(a => (string?)a["d:classification"] == cls).ToList();

        var rising = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/latests", new { @class = cls, n = 1000, trend = "rising" }));
        var fading = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/latests", new { @class = cls, n = 1000, trend = "fading" }));

        Assert.Equal(ofClass.Count(a => a["d:mag_rate"] is double r && r < 0), rising.Count);
        Assert.Equal(ofClass.Count(a => a["d:mag_rate"] is double r && r > 0), fading.Count);
        Assert.All(rising, r => Assert.True(r.Num("d:mag_rate") < 0));
    }

    [Theory]
    [InlineData("class=NotAClass", "class")]
    [InlineData("class=(TNS) Unicorn", "class")]
    [InlineData("class=Unknown&trend=sideways", "trend")]
    [InlineData("class=Unknown&trend=low_state", "trend")]
    [InlineData("class=Unknown&n=10001", "n")]
    [InlineData("class=Unknown&n=ten", "n")]
    [InlineData("class=Unknown&stopdate=2021-13-45", "stopdate")]
    [InlineData("n=5", "class")]
    public async Task Invalid_requests_are_400s(string query, string parameter)
    {
        await ApiJson.AssertError(await _client.GetAsync("/api/v1/latests?" + query), parameter);
    }
}
