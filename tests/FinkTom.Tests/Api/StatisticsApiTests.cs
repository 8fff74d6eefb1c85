using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Core.Science;
using FinkTom.Core.Statistics;
using FinkTom.Tests.Support;
using Parquet;

namespace FinkTom.Tests.Api;

/// <summary><c>/api/v1/statistics</c> on the samples: every count checked against the stored alerts themselves.</summary>
[Collection(ApiCollection.Name)]
public sealed class StatisticsApiTests(FinkTomFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<List<Dictionary<string, JsonElement>>> Rows(string query)
    {
        var response = await _client.GetAsync("/api/v1/statistics" + query);
        Assert.Equal(200, (int)response.StatusCode);
        return await ApiJson.Records(response);
    }

    [Fact]
    public async Task Every_night_has_Finks_counts_of_its_alerts()
    {
        var alerts = await factory.AllAlertsAsync();
        var rows = await Rows("?date=");

        var nights = alerts.GroupBy(a => NightCounters.NightOf(a.Jd)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(nights.Select(n => "ztf_" + n.Key), rows.Select(r => r.Str("key:key")));
        Assert.Equal(alerts.Count, rows.Sum(r => r["basic:raw"].GetInt64()));
        foreach (var (night, row) in nights.Zip(rows))
        {
            var sci = night.Where(a => a.GetDouble(ColumnCatalog.Get("i:rb")) >= 0.55 && a.GetDouble(ColumnCatalog.Get("i:nbad")) == 0).ToList();
            Assert.Equal(night.Count(), row["basic:raw"].GetInt64());
            Assert.Equal(sci.Count, row["basic:sci"].GetInt64());
            Assert.Equal(sci.Count(a => (int?)a["i:fid"] == 1), row["basic:n_g"].GetInt64());
            Assert.Equal(sci.Count(a => (int?)a["i:fid"] == 2), row["basic:n_r"].GetInt64());
            Assert.Equal(sci.Select(a => a.Jd).Distinct().Count(), row["basic:exposures"].GetInt64());
            Assert.Equal(sci.Select(a => a["i:field"]).Where(f => f is not null).Distinct().Count(), row["basic:fields"].GetInt64());
            foreach (var cls in sci.GroupBy(a => (string)a["d:classification"]!))
                Assert.Equal(cls.Count(), row["class:" + cls.Key].GetInt64());
            Assert.Equal(sci.Count(a => FinkClassifier.IsSimbadLabel((string?)a["d:cdsxmatch"])), row["class:simbad_tot"].GetInt64());
        }
        // A class some night lacks is 0 there, not missing: every row has every column.
        Assert.All(rows, r => Assert.Equal(rows[0].Keys.Count, r.Keys.Count));
        Assert.Contains(rows, r => r.TryGetValue("class:Solar System MPC", out var n) && n.GetInt64() > 0);
    }

    [Fact]
    public async Task A_year_a_month_or_a_day_selects_its_nights()
    {
        var all = (await Rows("")).Select(r => r.Str("key:key")).ToList();
        var day = all.First(k => k.StartsWith("ztf_2023", StringComparison.Ordinal))[4..];

        Assert.Equal(all.Where(k => k.StartsWith("ztf_2023", StringComparison.Ordinal)), (await Rows("?date=2023")).Select(r => r.Str("key:key")));
        Assert.Equal(all.Where(k => k.StartsWith("ztf_" + day[..6], StringComparison.Ordinal)), (await Rows("?date=" + day[..6])).Select(r => r.Str("key:key")));
        Assert.Equal(["ztf_" + day], (await Rows("?date=" + day)).Select(r => r.Str("key:key")));
        Assert.Empty(await Rows("?date=1999"));
        Assert.True(all.Count >= 3, string.Join(",", all));
    }

    [Fact]
    public async Task Columns_select_and_key_key_is_always_there()
    {
        var rows = await Rows("?date=2023&columns=basic:raw,class:Solar System MPC");

        Assert.All(rows, r => Assert.Equal(["key:key", "basic:raw", "class:Solar System MPC"], r.Keys));
        var schema = await Rows("?date=2023&schema=True");
        Assert.Equal("key:key", schema[0].Str("schema"));
        Assert.Contains(schema, r => r.Str("schema") == "basic:exposures");
    }

    [Fact]
    public async Task Csv_votable_and_parquet_carry_the_same_counts()
    {
        var json = await Rows("?date=2023&columns=basic:raw");
        var csv = await _client.GetStringAsync("/api/v1/statistics?date=2023&columns=basic:raw&output-format=csv");
        var votable = await _client.GetStringAsync("/api/v1/statistics?date=2023&columns=basic:raw&output-format=votable");
        var parquet = await _client.GetByteArrayAsync("/api/v1/statistics?date=2023&columns=basic:raw&output-format=parquet");

        Assert.Equal(["key:key,basic:raw", .. json.Select(r => $"{r.Str("key:key")},{r["basic:raw"].GetInt64()}")],
            csv.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'));
        Assert.Contains("basic_raw", votable);
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(parquet));
        using var group = reader.OpenRowGroupReader(0);
        var raw = new long?[group.RowCount];
        await group.ReadAsync<long>(reader.Schema.DataFields[1], raw.AsMemory());
        Assert.Equal(json.Select(r => (long?)r["basic:raw"].GetInt64()), raw);
    }

    [Theory]
    [InlineData("?date=2023-10", "date")]
    [InlineData("?date=20231332", "date")]
    [InlineData("?date=202", "date")]
    [InlineData("?date=2023&columns=basic:nope", "columns")]
    [InlineData("?date=2023&schema=maybe", "schema")]
    [InlineData("?date=2023&output-format=xls", "output-format")]
    public async Task Bad_parameters_are_a_400_naming_them(string query, string parameter) =>
        await ApiJson.AssertError(await _client.GetAsync("/api/v1/statistics" + query), parameter);
}
