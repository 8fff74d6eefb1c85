using System.Globalization;
using FinkTom.Core.Model;
using FinkTom.Core.Time;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Api;

/// <summary><c>/api/v1/anomaly</c>: each night's ten lowest anomaly scores, newest first, checked against the stored alerts.</summary>
[Collection(ApiCollection.Name)]
public sealed class AnomalyApiTests(FinkTomFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>The answer worked out by hand: per ZTF night, the ten lowest scores; then newest first.</summary>
    private async Task<List<long>> Expected(double start = 0, double stop = double.MaxValue)
    {
        var scored = (await factory.AllAlertsAsync())
            .Where(a => a.Jd >= start && a.Jd <= stop && a.GetDouble(ColumnCatalog.Get("d:anomaly_score")) is not null);
        return scored.GroupBy(a => Convert.ToInt64(a["i:nid"]))
            .SelectMany(night => night.OrderBy(a => a.GetDouble(ColumnCatalog.Get("d:anomaly_score"))).Take(10))
            .OrderByDescending(a => a.Jd).ThenByDescending(a => a.Candid).Select(a => a.Candid).ToList();
    }

    [Fact]
    public async Task Answers_each_nights_ten_most_anomalous_alerts_newest_first()
    {
        var scored = (await factory.AllAlertsAsync()).Count(a => a.GetDouble(ColumnCatalog.Get("d:anomaly_score")) is not null);
        var expected = await Expected();
        Assert.True(scored > expected.Count, "a sample night holds more than ten scored alerts, so the nightly cut shows");

        var defaults = await ApiJson.Records(await _client.GetAsync("/api/v1/anomaly"));
        var three = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/anomaly", new { n = 3 }));
        var all = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/anomaly", new { n = 1000 }));

        Assert.Equal(expected.Take(10), defaults.Select(r => r["i:candid"].GetInt64()));
        Assert.Equal(expected.Take(3), three.Select(r => r["i:candid"].GetInt64()));
        Assert.Equal(expected, all.Select(r => r["i:candid"].GetInt64()));
        Assert.Contains("v:classification", defaults[0].Keys);
    }

    [Fact]
    public async Task A_single_night_is_asked_with_the_same_start_and_stop_date()
    {
        var alerts = await factory.AllAlertsAsync();
        var night = alerts.Where(a => a.GetDouble(ColumnCatalog.Get("d:anomaly_score")) is not null).Min(a => a.Jd);
        var day = JulianDate.ToDateTime(night).Date;
        var (start, stop) = (JulianDate.FromDateTime(day), JulianDate.FromDateTime(day.AddDays(1)));

        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rows = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/anomaly",
            new { start_date = date, stop_date = date, n = 1000, columns = "i:objectId,i:candid,d:anomaly_score" }));

        var expected = await Expected(start, stop);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, rows.Select(r => r["i:candid"].GetInt64()));
        Assert.Equal(["d:anomaly_score", "i:candid", "i:objectId"], rows[0].Keys.Order());
    }

    [Fact]
    public async Task Nights_without_scores_give_an_empty_table()
    {
        var rows = await ApiJson.Records(await _client.GetAsync("/api/v1/anomaly?start_date=2019-01-01&stop_date=2019-01-02"));

        Assert.Empty(rows);
    }

    [Theory]
    [InlineData("n=0", "n")]
    [InlineData("n=10001", "n")]
    [InlineData("start_date=yesterday", "start_date")]
    [InlineData("start_date=2024-02-01&stop_date=2024-01-01", "stop_date")]
    [InlineData("columns=i:nosuch", "columns")]
    [InlineData("sort=jd", "sort")]
    public async Task Bad_parameters_are_400_naming_them(string query, string parameter)
    {
        await ApiJson.AssertError(await _client.GetAsync("/api/v1/anomaly?" + query), parameter);
    }
}
