using System.Globalization;
using System.Text.Json;
using FinkTom.Core.Store;
using FinkTom.Store.Elasticsearch;
using FinkTom.Tests.Elasticsearch.StandIn;
using FinkTom.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinkTom.Tests.Elasticsearch;

/// <summary>
/// "Switching Store:Backend is the only change": the real server configured with <c>Store:Backend = elasticsearch</c>
/// (talking HTTP to the <see cref="ElasticsearchStandIn"/>, a stand-in for a cluster) ingests the sample alerts at start
/// and answers every search exactly as the same server on the embedded SQLite store does, byte for byte.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ServerOnElasticsearchTests(FinkTomFactory sqlite) : IAsyncLifetime
{
    private ElasticsearchStandIn _standIn = null!;
    private WebApplicationFactory<Program> _elastic = null!;
    private HttpClient _es = null!;
    private readonly HttpClient _sql = sqlite.CreateClient();

    public async ValueTask InitializeAsync()
    {
        _standIn = await ElasticsearchStandIn.StartAsync();
        _elastic = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Store:Backend", "elasticsearch");
            b.UseSetting("Store:Elasticsearch:Url", _standIn.Url);
            b.UseSetting("Store:Elasticsearch:IndexPrefix", "server");
            b.UseSetting("Store:Elasticsearch:Replicas", "0");
            b.UseSetting("Samples:Path", TestPaths.Samples);
        });
        _es = _elastic.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        await _elastic.DisposeAsync();
        await _standIn.DisposeAsync();
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private async Task SameAnswer(string url)
    {
        var fromSqlite = await _sql.GetAsync(url);
        var fromElastic = await _es.GetAsync(url);
        var expected = await fromSqlite.Content.ReadAsByteArrayAsync();
        var actual = await fromElastic.Content.ReadAsByteArrayAsync();
        Assert.True(fromSqlite.IsSuccessStatusCode, url);
        if (!expected.AsSpan().SequenceEqual(actual)) // show the difference as text (JSON, CSV, VOTable) when there is one
            Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(actual));
        Assert.Equal(fromSqlite.Content.Headers.ContentType, fromElastic.Content.Headers.ContentType);
    }

    [Fact]
    public async Task The_store_is_elasticsearch_and_holds_the_samples()
    {
        // The server reads the backend itself, and writes through TNS tagging, then the livestreams' decorator, around it.
        Assert.IsType<ElasticsearchAlertStore>(_elastic.Services.GetRequiredService<IAlertReader>());
        var tagging = Assert.IsType<FinkTom.Core.Tns.TnsTaggingWriter>(_elastic.Services.GetRequiredService<IAlertWriter>());
        var writer = tagging.Inner;
        var router = Assert.IsType<FinkTom.Core.Store.SurveyAlertWriter>(writer is FinkTom.Livestream.LivestreamWriter livestreams ? livestreams.Inner : writer);
        Assert.IsType<ElasticsearchAlertStore>(router.Writers[FinkTom.Core.Surveys.Survey.Ztf]);
        using var health = JsonDocument.Parse(await _es.GetStringAsync("/health"));
        Assert.Equal("elasticsearch", health.RootElement.GetProperty("backend").GetString());
        var expected = await sqlite.Store.GetStatisticsAsync();
        Assert.Equal(expected.Alerts, health.RootElement.GetProperty("alerts").GetInt64());
        Assert.Equal(expected.Objects, health.RootElement.GetProperty("objects").GetInt64());
        Assert.Contains(_standIn.IndexNames, name => name.StartsWith("server-alerts-20", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_search_answers_exactly_as_on_the_embedded_store()
    {
        var alerts = await sqlite.AllAlertsAsync();
        var busiest = alerts.GroupBy(a => a.ObjectId).OrderByDescending(g => g.Count()).First();
        var a = busiest.First();
        var sso = alerts.First(x => x.GetString(FinkTom.Core.Model.ColumnCatalog.SsNameNr) is { } n && n != "null");
        var cls = alerts.GroupBy(x => (string)x["d:classification"]!).OrderByDescending(g => g.Count()).First().Key;

        await SameAnswer($"/api/v1/objects?objectId={busiest.Key}");
        await SameAnswer($"/api/v1/objects?objectId={busiest.Key}&withupperlim=true&output-format=csv");
        await SameAnswer($"/api/v1/objects?objectId={busiest.Key}&withcutouts=true&cutout-kind=Science&columns=i:jd,i:magpsf");
        await SameAnswer($"/api/v1/conesearch?ra={F(a.Ra)}&dec={F(a.Dec)}&radius=18000");
        await SameAnswer($"/api/v1/conesearch?ra={F(a.Ra)}&dec={F(a.Dec)}&radius=3600&n=3&output-format=votable");
        await SameAnswer($"/api/v1/latests?class={Uri.EscapeDataString(cls)}&n=25&color=true");
        await SameAnswer($"/api/v1/sso?n_or_d={sso["i:ssnamenr"]}");
        await SameAnswer("/api/v1/explorer?startdate=2019-01-01&window=180");
        await SameAnswer($"/api/v1/cutouts?objectId={busiest.Key}&kind=Difference&output-format=FITS");
        await SameAnswer($"/api/v1/cutouts?objectId={busiest.Key}&kind=Science&candid={busiest.Last().Candid}");
        // Counters kept at ingest (SQLite) and an aggregation per request (Elasticsearch) count the same.
        await SameAnswer("/api/v1/statistics?date=");
        await SameAnswer("/api/v1/statistics?date=2023&output-format=csv");
    }
}
