using System.Text.Json;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Api;

/// <summary>/classes, /schema (and /columns), /health and the OpenAPI document.</summary>
[Collection(ApiCollection.Name)]
public sealed class CatalogApiTests(FinkTomFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Classes_lists_fink_tns_and_simbad_names()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/classes"));
        var root = doc.RootElement;

        Assert.Equal(["Cross-match with SIMBAD (see http://simbad.u-strasbg.fr/simbad/sim-display?data=otypes)", "Cross-match with TNS", "Fink classifiers"],
            root.EnumerateObject().Select(p => p.Name));
        var fink = root.GetProperty("Fink classifiers").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(11, fink.Count);
        Assert.Equal(fink.OrderBy(f => f.ToLowerInvariant(), StringComparer.Ordinal), fink);
        Assert.Contains("Early SN Ia candidate", fink);
        var tns = root.GetProperty("Cross-match with TNS").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(43, tns.Count);
        Assert.All(tns, t => Assert.StartsWith("(TNS) ", t));
        var simbad = root.GetProperty("Cross-match with SIMBAD (see http://simbad.u-strasbg.fr/simbad/sim-display?data=otypes)").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains("(SIMBAD) RRLyr", simbad);
        Assert.Contains("(SIMBAD) QSO", simbad);
        Assert.DoesNotContain("(SIMBAD) Unknown", simbad);
    }

    [Fact]
    public async Task Every_class_listed_is_accepted_by_latests()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/classes"));
        foreach (var name in doc.RootElement.EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Select(e => e.GetString()!).Where((_, i) => i % 7 == 0))
        {
            var response = await ApiJson.Post(_client, "/api/v1/latests", new { @class = name, n = 1 });
            Assert.True(response.IsSuccessStatusCode, $"{name}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Schema_documents_every_column_objects_returns()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/schema"));
        var root = doc.RootElement;
        var documented = new HashSet<string>();
        foreach (var (section, prefix) in new[] { ("ZTF original fields (i:)", "i:"), ("Fink science module outputs (d:)", "d:"), ("Fink on-the-fly added values (v:)", "v:"), ("ZTF original cutouts (b:)", "b:") })
            foreach (var field in root.GetProperty(section).EnumerateObject())
            {
                documented.Add(prefix + field.Name);
                Assert.False(string.IsNullOrWhiteSpace(field.Value.GetProperty("doc").GetString()), prefix + field.Name);
            }

        Assert.Equal(108, root.GetProperty("ZTF original fields (i:)").EnumerateObject().Count());
        Assert.Equal("double", root.GetProperty("ZTF original fields (i:)").GetProperty("jd").GetProperty("type").GetString());
        Assert.Equal(["null", "float"], root.GetProperty("ZTF original fields (i:)").GetProperty("magnr").GetProperty("type").EnumerateArray().Select(e => e.GetString()));
        var objectColumns = (await ApiJson.Records(await _client.GetAsync("/api/v1/objects?objectId=ZTF19acihgng&withupperlim=True")))[0].Keys;
        Assert.All(objectColumns, c => Assert.Contains(c, documented));
        var names = root.GetProperty("Fink science module outputs (d:)").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task Old_columns_endpoint_wraps_the_schema_in_fields()
    {
        using var schema = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/schema"));
        using var columns = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/columns"));
        Assert.Equal(schema.RootElement.GetRawText(), columns.RootElement.GetProperty("fields").GetRawText());
    }

    [Fact]
    public async Task Health_reports_the_store_and_its_size()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/health"));
        var alerts = await factory.AllAlertsAsync();
        Assert.Equal("ok", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal("sqlite", doc.RootElement.GetProperty("backend").GetString());
        Assert.Equal(alerts.Count, doc.RootElement.GetProperty("alerts").GetInt64());
        Assert.Equal(alerts.Select(a => a.ObjectId).Distinct().Count(), doc.RootElement.GetProperty("objects").GetInt64());
    }

    [Fact]
    public async Task OpenApi_document_lists_every_endpoint_with_its_parameters()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/objects", "/api/v1/conesearch", "/api/v1/latests", "/api/v1/classes", "/api/v1/schema", "/api/v1/columns", "/api/v1/cutouts", "/api/v1/sso", "/api/v1/explorer", "/health" })
            Assert.True(paths.TryGetProperty(path, out _), path);
        var parameters = paths.GetProperty("/api/v1/conesearch").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["ra", "dec", "radius", "n", "startdate", "stopdate", "window", "columns", "output-format"], parameters);
    }
}
