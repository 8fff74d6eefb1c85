using System.Text.Json;
using System.Xml.Linq;
using FinkTom.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Parquet;

namespace FinkTom.Tests.Reliability;

/// <summary>
/// A store written by an older FinkTom (before the validation gate) may already hold impossible values. Readers must
/// serve around them: every endpoint still answers 200 with a complete, parseable body in every format.
/// </summary>
public sealed class PoisonedStoreTests : IAsyncLifetime
{
    private readonly FinkTomFactory _server = new();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _client = _server.CreateClient();
        (await _client.GetAsync("/health")).EnsureSuccessStatusCode(); // samples ingested
        // What an older version let in, written straight into the database file.
        var path = _server.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Store:Sqlite:DatabasePath"];
        await using var db = new SqliteConnection($"Data Source={path}");
        await db.OpenAsync();
        await using var poison = db.CreateCommand();
        poison.CommandText = """
            UPDATE alerts SET i_jd = -1e300 WHERE candid = (SELECT MIN(candid) FROM alerts WHERE i_objectId = 'ZTF19acihgng');
            UPDATE alerts SET i_jd = 9e999, i_jdstarthist = -9e999 WHERE candid = (SELECT MIN(candid) FROM alerts WHERE i_objectId = 'ZTF18abvcdqu');
            UPDATE alerts SET i_magpsf = 9e999, i_dec = 1000, d_rf_snia_vs_nonia = -9e999 WHERE candid = (SELECT MAX(candid) FROM alerts WHERE i_objectId = 'ZTF19acihgng');
            UPDATE objects SET firstjd = -1e300, lastjd = 9e999, lastmag_g = 9e999 WHERE objectId IN ('ZTF19acihgng', 'ZTF18abvcdqu');
            UPDATE history SET jd = 9e999, magpsf = -9e999 WHERE object_id = 'ZTF19acihgng' AND jd = (SELECT MIN(jd) FROM history WHERE object_id = 'ZTF19acihgng');
            """;
        Assert.True(await poison.ExecuteNonQueryAsync() >= 5);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> Queries => new()
    {
        "/health",
        "/api/v1/objects?objectId=ZTF19acihgng,ZTF18abvcdqu",
        "/api/v1/objects?objectId=ZTF19acihgng,ZTF18abvcdqu&withupperlim=true",
        "/api/v1/objects?objectId=ZTF19acihgng&columns=i:jd,i:magpsf,v:lastdate,v:firstdate",
        "/api/v1/conesearch?ra=193.82&dec=2.9&radius=18000",
        "/api/v1/latests?class=Unknown&n=1000",
        "/api/v1/explorer?objectId=ZTF19acihgng",
        "/api/v1/anomaly?n=1000",
        "/odata/Alerts?$top=1000",
        "/odata/Objects",
        "/odata/Objects('ZTF19acihgng')/Alerts",
        "/odata/Objects?$filter=lastdate ge 2019-01-01T00:00:00Z",
        "/odata/Objects?$expand=Alerts&$top=50",
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Every_endpoint_answers_in_full_as_json(string query)
    {
        var response = await _client.GetAsync(query);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
        using var _ = JsonDocument.Parse(body); // a body cut off mid-answer does not parse
    }

    [Theory]
    [InlineData("/api/v1/objects?objectId=ZTF19acihgng,ZTF18abvcdqu&withupperlim=true")]
    [InlineData("/api/v1/latests?class=Unknown&n=1000")]
    public async Task Every_format_answers_in_full(string query)
    {
        var json = await _client.GetStringAsync(query);
        var rows = JsonDocument.Parse(json).RootElement.GetArrayLength();

        var csv = await _client.GetStringAsync(query + "&output-format=csv");
        Assert.Equal(rows + 1, csv.TrimEnd('\n').Split('\n').Length);

        var votable = XDocument.Parse(await _client.GetStringAsync(query + "&output-format=votable"));
        Assert.Equal(rows, votable.Descendants().Count(e => e.Name.LocalName == "TR"));

        await using var parquet = await ParquetReader.CreateAsync(new MemoryStream(await _client.GetByteArrayAsync(query + "&output-format=parquet")));
        Assert.Equal(rows, Enumerable.Range(0, parquet.RowGroupCount).Sum(g => parquet.OpenRowGroupReader(g).RowCount));
    }
}
