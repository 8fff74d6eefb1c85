using System.Xml.Linq;
using FinkTom.Tests.Support;
using Parquet;

namespace FinkTom.Tests.Api;

/// <summary>Every tabular format, parsed back with a real reader, carries the same rows as the JSON answer.</summary>
[Collection(ApiCollection.Name)]
public sealed class FormatsApiTests(FinkTomFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private const string Query = "/api/v1/objects?objectId=ZTF19acihgng,ZTF18abvcdqu&columns=i:objectId,i:candid,i:jd,i:magpsf,d:cdsxmatch,v:classification";

    [Fact]
    public async Task Csv_has_a_header_and_the_same_values()
    {
        var json = await ApiJson.Records(await _client.GetAsync(Query));
        var response = await _client.GetAsync(Query + "&output-format=csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal("application/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("i:objectId,i:candid,i:jd,i:magpsf,d:cdsxmatch,v:classification", lines[0]);
        Assert.Equal(json.Count, lines.Count - 1);
        for (var i = 0; i < json.Count; i++)
        {
            var cells = lines[i + 1].Split(',');
            Assert.Equal(json[i].Str("i:objectId"), cells[0]);
            Assert.Equal(json[i]["i:candid"].GetInt64().ToString(), cells[1]);
            Assert.Equal(json[i].Num("i:jd"), double.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Parquet_reads_back_with_typed_columns()
    {
        var json = await ApiJson.Records(await _client.GetAsync(Query));
        var bytes = await _client.GetByteArrayAsync(Query + "&output-format=parquet");

        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes));
        var fields = reader.Schema.DataFields;
        Assert.Equal(["i:objectId", "i:candid", "i:jd", "i:magpsf", "d:cdsxmatch", "v:classification"], fields.Select(f => f.Name));
        using var group = reader.OpenRowGroupReader(0);
        var candids = new long?[group.RowCount];
        await group.ReadAsync<long>(fields[1], candids.AsMemory());
        var ids = new string?[group.RowCount];
        await group.ReadAsync(fields[0], ids.AsMemory());
        Assert.Equal(json.Select(r => (long?)r["i:candid"].GetInt64()), candids);
        Assert.Equal(json.Select(r => r.Str("i:objectId")), ids);
    }

    [Fact]
    public async Task VoTable_uses_xml_safe_names_and_holds_every_row()
    {
        var json = await ApiJson.Records(await _client.GetAsync(Query));
        var response = await _client.GetAsync(Query + "&output-format=votable");
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = xml.Root!.Name.Namespace;

        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var fields = xml.Descendants(ns + "FIELD").Select(f => (string)f.Attribute("ID")!).ToList(); // astropy: ID is XML-safe, name keeps "i:ra"
        Assert.Equal(["i_objectId", "i_candid", "i_jd", "i_magpsf", "d_cdsxmatch", "v_classification"], fields);
        var rows = xml.Descendants(ns + "TR").ToList();
        Assert.Equal(json.Count, rows.Count);
        Assert.Equal(json.Select(r => r["i:candid"].GetInt64().ToString()), rows.Select(r => r.Elements(ns + "TD").ElementAt(1).Value));
    }

    [Theory]
    [InlineData("/api/v1/conesearch?ra=0&dec=0&radius=18000")]
    [InlineData("/api/v1/latests?class=Unknown&n=3")]
    [InlineData("/api/v1/sso?n_or_d=1")]
    [InlineData("/api/v1/explorer?objectId=ZTF19acihgng")]
    public async Task Every_tabular_endpoint_offers_every_format(string url)
    {
        foreach (var (format, type) in new[] { ("json", "application/json"), ("csv", "application/csv"), ("votable", "text/xml"), ("parquet", "application/vnd.apache.parquet") })
        {
            var response = await _client.GetAsync($"{url}&output-format={format}");
            Assert.True(response.IsSuccessStatusCode, $"{url} {format}: {(int)response.StatusCode}");
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        }
    }
}
