using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using FinkTom.Core.Query;
using FinkTom.Core.Sky;
using FinkTom.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FinkTom.Tests.Vo;

/// <summary>TAP sync, VOSI, TAP_SCHEMA and Simple Cone Search over HTTP on the sample alerts, checked against the store
/// and the REST API.</summary>
[Collection(ApiCollection.Name)]
public sealed class TapApiTests(FinkTomFactory factory)
{
    private static readonly XNamespace Vot = "http://www.ivoa.net/xml/VOTable/v1.3";
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private Task<HttpResponseMessage> Sync(string adql, params (string, string)[] more) =>
        _client.PostAsync("/tap/sync", new FormUrlEncodedContent([new("LANG", "ADQL"), new("QUERY", adql), .. more.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2))]));

    /// <summary>A VOTable answer's field names and rows (cell texts), and its INFO name=value pairs.</summary>
    internal static (List<string> Fields, List<string?[]> Rows, List<(string Name, string Value, string Text)> Infos) Read(string xml)
    {
        var document = XDocument.Parse(xml);
        var fields = document.Descendants(Vot + "FIELD").Select(f => (string)f.Attribute("name")!).ToList();
        var rows = document.Descendants(Vot + "TR").Select(tr => tr.Elements(Vot + "TD").Select(td => td.IsEmpty ? null : td.Value).ToArray()).ToList();
        var infos = document.Descendants(Vot + "INFO").Select(i => ((string)i.Attribute("name")!, (string)i.Attribute("value")!, i.Value)).ToList();
        return (fields, rows, infos);
    }

    private async Task<(List<string> Fields, List<string?[]> Rows, List<(string Name, string Value, string Text)> Infos)> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return Read(body);
    }

    private static async Task<string> Error(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (_, _, infos) = Read(body);
        var status = Assert.Single(infos, i => i.Name == "QUERY_STATUS");
        Assert.Equal("ERROR", status.Value);
        return status.Text;
    }

    [Fact]
    public async Task A_cone_returns_every_alert_inside_it_nearest_first_with_exact_ids()
    {
        var alerts = await factory.AllAlertsAsync();
        var centre = alerts[17];
        var expected = alerts.Where(a => SkyMath.SeparationDeg(centre.Ra, centre.Dec, a.Ra, a.Dec) <= 2).OrderBy(a => SkyMath.SeparationDeg(centre.Ra, centre.Dec, a.Ra, a.Dec))
            .Select(a => a.Candid.ToString(CultureInfo.InvariantCulture)).ToList();

        var (fields, rows, infos) = await Ok(await Sync(
            $"SELECT candid, DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', {F(centre.Ra)}, {F(centre.Dec)})) AS d FROM ztf.alerts " +
            $"WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {F(centre.Ra)}, {F(centre.Dec)}, 2)) = 1 ORDER BY d"));

        Assert.Equal(["candid", "d"], fields);
        Assert.Equal(expected, rows.Select(r => r[0]));
        Assert.Contains(infos, i => i is { Name: "QUERY_STATUS", Value: "OK" });
        Assert.DoesNotContain(infos, i => i.Value == "OVERFLOW");
    }

    [Fact]
    public async Task Conditions_run_in_the_store_and_agree_with_the_alerts()
    {
        var alerts = await factory.AllAlertsAsync();
        var expected = alerts.Where(a => a["i:fid"] is 1 && a["i:magpsf"] is float m && m < 18.5 && a.GetString(Core.Model.ColumnCatalog.Classification) is not "Unknown")
            .OrderByDescending(a => a.Jd).ThenByDescending(a => a.Candid).Select(a => a.Candid.ToString(CultureInfo.InvariantCulture)).ToList();

        var (_, rows, _) = await Ok(await Sync(
            "SELECT candid FROM ztf.alerts WHERE fid = 1 AND magpsf < 18.5 AND NOT classification = 'Unknown' ORDER BY jd DESC"));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, rows.Select(r => r[0]));
    }

    [Fact]
    public async Task MAXREC_cuts_the_answer_and_raises_the_overflow_flag_after_the_table()
    {
        var (_, rows, infos) = await Ok(await Sync("SELECT * FROM ztf.alerts", ("MAXREC", "5")));
        Assert.Equal(5, rows.Count);
        Assert.Equal([("QUERY_STATUS", "OK"), ("QUERY_STATUS", "OVERFLOW")], infos.Select(i => (i.Name, i.Value)));

        var (_, top, topInfos) = await Ok(await Sync("SELECT TOP 5 candid FROM ztf.alerts", ("MAXREC", "5")));
        Assert.Equal(5, top.Count);
        Assert.DoesNotContain(topInfos, i => i.Value == "OVERFLOW");

        var (fields, none, _) = await Ok(await Sync("SELECT candid, ra FROM ztf.alerts", ("MAXREC", "0")));
        Assert.Equal(["candid", "ra"], fields);
        Assert.Empty(none);
    }

    [Fact]
    public async Task COUNT_equals_the_store_count()
    {
        var alerts = await factory.AllAlertsAsync();
        var (_, rows, _) = await Ok(await Sync("SELECT COUNT(*) AS n FROM ztf.alerts WHERE fid = 2"));
        Assert.Equal(alerts.Count(a => a["i:fid"] is 2).ToString(CultureInfo.InvariantCulture), Assert.Single(rows)[0]);
    }

    [Theory]
    [InlineData("SELECT * FROM ztf.alerts a JOIN ztf.objects o ON a.objectId = o.objectId", "JOIN")]
    [InlineData("SELECT COUNT(fid) FROM ztf.alerts", "COUNT")]
    [InlineData("SELECT * FROM ztf.alerts GROUP BY fid", "GROUP")]
    [InlineData("SELECT magpsf + 1 FROM ztf.alerts", "Arithmetic")]
    [InlineData("SELECT * FROM ztf.alerts WHERE objectId IN (SELECT objectId FROM ztf.objects)", "sub-query")]
    [InlineData("SELECT * FROM ztf.alerts WHERE fid = 1 OR CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 1, 2, 3)) = 1", "top level")]
    [InlineData("SELECT * FROM ztf.alerts WHERE objectId LIKE 'ZTF_1%'", "LIKE pattern")]
    [InlineData("SELECT * FROM ztf.alerts WHERE objectId ILIKE 'ztf%'", "ILIKE")]
    [InlineData("SELECT * FROM ztf.alerts WHERE CONTAINS(POINT('GALACTIC', ra, dec), CIRCLE('GALACTIC', 1, 2, 3)) = 1", "GALACTIC")]
    [InlineData("SELECT nosuch FROM ztf.alerts", "nosuch")]
    [InlineData("SELECT * FROM ztf.nosuch", "ztf.nosuch")]
    [InlineData("SELECT DISTINCT fid FROM ztf.alerts", "DISTINCT")]
    [InlineData("SELECT * FROM ztf.alerts WHERE ABS(magpsf) < 3", "ABS")]
    [InlineData("SELECT * FROM ztf.alerts WHERE magpsf > 'bright'", "magpsf")]
    public async Task Unsupported_or_wrong_queries_are_refused_with_a_VOTable_error_naming_the_construct(string adql, string named)
    {
        Assert.Contains(named, await Error(await Sync(adql)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_async_job_runs_gives_the_sync_answer_and_is_deleted()
    {
        const string adql = "SELECT TOP 7 candid, objectId FROM ztf.alerts ORDER BY candid";
        var created = await _client.PostAsync("/tap/async", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["LANG"] = "ADQL", ["QUERY"] = adql, ["PHASE"] = "RUN", ["RESPONSEFORMAT"] = "csv" }));
        Assert.Equal(HttpStatusCode.SeeOther, created.StatusCode);
        var job = created.Headers.Location!.AbsolutePath;

        XNamespace uws = "http://www.ivoa.net/xml/UWS/v1.0";
        var phase = "";
        for (var i = 0; i < 10 && phase != "COMPLETED"; i++)
            phase = XDocument.Parse(await _client.GetStringAsync(job + "?WAIT=10")).Root!.Element(uws + "phase")!.Value;
        Assert.Equal("COMPLETED", phase);
        Assert.Equal("COMPLETED", await _client.GetStringAsync(job + "/phase"));
        Assert.Contains(XDocument.Parse(await _client.GetStringAsync(job + "/results")).Descendants(uws + "result"), r => (string?)r.Attribute("id") == "result");

        var csv = await _client.GetStringAsync(job + "/results/result");
        var sync = await (await Sync(adql, ("RESPONSEFORMAT", "csv"))).Content.ReadAsStringAsync();
        Assert.Equal(sync, csv);
        Assert.Equal(8, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var deleted = await _client.DeleteAsync(job);
        Assert.Equal(HttpStatusCode.SeeOther, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(job)).StatusCode);
    }

    [Fact]
    public async Task An_async_job_with_a_bad_query_ends_in_ERROR_with_the_message()
    {
        var created = await _client.PostAsync("/tap/async", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["LANG"] = "ADQL", ["QUERY"] = "SELECT nosuch FROM ztf.alerts", ["PHASE"] = "RUN" }));
        var job = created.Headers.Location!.AbsolutePath;
        XNamespace uws = "http://www.ivoa.net/xml/UWS/v1.0";
        XDocument document;
        var i = 0;
        do
            document = XDocument.Parse(await _client.GetStringAsync(job + "?WAIT=10"));
        while (document.Root!.Element(uws + "phase")!.Value != "ERROR" && ++i < 10);
        Assert.Equal("ERROR", document.Root!.Element(uws + "phase")!.Value);
        Assert.Contains("nosuch", document.Descendants(uws + "message").Single().Value);
        Assert.Contains("nosuch", Read(await _client.GetStringAsync(job + "/error")).Infos.Single().Text);
        await _client.DeleteAsync(job);
    }

    [Fact]
    public async Task Queries_beyond_the_documented_size_limits_are_refused_not_failed()
    {
        var longIn = "SELECT candid FROM ztf.alerts WHERE fid IN (" + string.Join(", ", Enumerable.Range(0, 1001)) + ")";
        Assert.Contains("IN lists at most 1000", await Error(await Sync(longIn)));
        var longOr = "SELECT candid FROM ztf.alerts WHERE " + string.Join(" OR ", Enumerable.Range(0, 300).Select(i => $"fid = {i}"));
        Assert.Contains("100 levels", await Error(await Sync(longOr)));
        var huge = "SELECT candid FROM ztf.alerts WHERE objectId = '" + new string('x', 100_001) + "'";
        Assert.Contains("characters long", await Error(await Sync(huge)));
    }

    [Theory]
    [InlineData("LANG", "SQL", "LANG")]
    [InlineData("MAXREC", "-1", "MAXREC")]
    [InlineData("RESPONSEFORMAT", "fits", "RESPONSEFORMAT")]
    [InlineData("UPLOAD", "t,http://example.org/t.xml", "UPLOAD")]
    public async Task Bad_parameters_are_refused_naming_them(string name, string value, string named)
    {
        var response = await _client.PostAsync("/tap/sync", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["LANG"] = "ADQL", ["QUERY"] = "SELECT TOP 1 candid FROM ztf.alerts", [name] = value }));
        Assert.Contains(named, await Error(response));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("votable")]
    public async Task Every_format_keeps_64_bit_ids_exact(string format)
    {
        var alerts = await factory.AllAlertsAsync();
        var largest = alerts.Max(a => a.Candid);
        var response = await Sync("SELECT TOP 1 candid FROM ztf.alerts ORDER BY candid DESC", ("RESPONSEFORMAT", format));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Contains(largest.ToString(CultureInfo.InvariantCulture), body);
        if (format == "votable")
            Assert.Contains("datatype=\"long\"", body);
    }

    [Fact]
    public async Task Parquet_answers_are_parquet_files()
    {
        var response = await Sync("SELECT TOP 3 candid, objectId FROM ztf.alerts", ("RESPONSEFORMAT", "application/vnd.apache.parquet"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("PAR1", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }

    [Fact]
    public async Task TAP_SCHEMA_describes_every_column_with_its_unit_and_ucd()
    {
        var (_, rows, _) = await Ok(await Sync(
            "SELECT column_name, unit, ucd, datatype FROM TAP_SCHEMA.columns WHERE table_name = 'ztf.alerts' ORDER BY column_index"));
        Assert.Equal(Core.Model.ColumnCatalog.Stored.Count, rows.Count);
        Assert.Equal(["candid", null, "meta.id;meta.main", "long"], rows[0]);
        Assert.Contains(rows, r => r[0] == "ra" && r[1] == "deg" && r[2] == "pos.eq.ra;meta.main");
        Assert.Contains(rows, r => r[0] == "magpsf" && r[1] == "mag");

        var (_, tables, _) = await Ok(await Sync("SELECT table_name FROM TAP_SCHEMA.tables WHERE schema_name <> 'TAP_SCHEMA' ORDER BY table_index"));
        Assert.Equal(["ztf.alerts", "ztf.objects", "lsst.diasources"], tables.Select(t => t[0]));
    }

    [Fact]
    public async Task Every_example_query_runs_and_finds_rows_in_the_samples()
    {
        var examples = XDocument.Parse(await _client.GetStringAsync("/tap/examples"));
        XNamespace xhtml = "http://www.w3.org/1999/xhtml";
        var queries = examples.Descendants(xhtml + "pre").Where(p => (string?)p.Attribute("property") == "query").Select(p => p.Value).ToList();
        Assert.Equal(Server.Vo.Tap.TapExamples.All.Count, queries.Count);
        foreach (var query in queries)
            Assert.NotEmpty((await Ok(await Sync(query))).Rows);
    }

    [Fact]
    public async Task VOSI_documents_name_the_service_and_its_tables()
    {
        var capabilities = XDocument.Parse(await _client.GetStringAsync("/tap/capabilities"));
        Assert.Contains(capabilities.Descendants("capability"), c => (string?)c.Attribute("standardID") == "ivo://ivoa.net/std/TAP");
        Assert.Equal("http://localhost/tap", capabilities.Descendants("accessURL").First().Value);
        Assert.Contains("<vosi:available>true</vosi:available>", await _client.GetStringAsync("/tap/availability"));
        var tables = XDocument.Parse(await _client.GetStringAsync("/tap/tables"));
        Assert.Contains(tables.Descendants("table"), t => t.Element("name")?.Value == "ztf.objects");
    }

    [Fact]
    public async Task Cone_search_gives_the_objects_the_REST_conesearch_gives_with_the_standard_UCDs()
    {
        var alerts = await factory.AllAlertsAsync();
        var centre = alerts[40];
        var rest = await ApiJson.Records(await _client.GetAsync($"/api/v1/conesearch?ra={F(centre.Ra)}&dec={F(centre.Dec)}&radius=7200&columns=i:objectId,i:candid"));

        var body = await (await _client.GetAsync($"/scs?RA={F(centre.Ra)}&DEC={F(centre.Dec)}&SR=2")).Content.ReadAsStringAsync();
        var (fields, rows, _) = Read(body);
        var ucds = XDocument.Parse(body).Descendants(Vot + "FIELD").Select(f => (string?)f.Attribute("ucd")).ToList();

        Assert.Equal(rest.Select(r => r.Str("i:objectId")), rows.Select(r => r[fields.IndexOf("objectId")]));
        Assert.Equal(rest.Select(r => r["i:candid"].GetInt64().ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[fields.IndexOf("candid")]));
        Assert.Equal(1, ucds.Count(u => u == "ID_MAIN"));
        Assert.Equal(1, ucds.Count(u => u == "POS_EQ_RA_MAIN"));
        Assert.Equal(1, ucds.Count(u => u == "POS_EQ_DEC_MAIN"));
    }

    [Theory]
    [InlineData("RA=10&DEC=20", "SR")]
    [InlineData("RA=10&DEC=95&SR=1", "DEC")]
    [InlineData("RA=x&DEC=20&SR=1", "RA")]
    [InlineData("RA=10&DEC=20&SR=30", "SR")]
    [InlineData("RA=10&DEC=20&SR=1&VERB=4", "VERB")]
    public async Task Cone_search_errors_are_VOTable_error_documents(string query, string named)
    {
        Assert.Contains(named, await Error(await _client.GetAsync("/scs?" + query)));
    }

    [Fact]
    public async Task Rubin_cone_search_answers_from_the_Rubin_store()
    {
        var rubin = new List<Core.Model.Alert>();
        await foreach (var alert in factory.Services.GetRequiredKeyedService<Core.Store.IAlertReader>("lsst").QueryAsync(new AlertQuery()))
            rubin.Add(alert);
        var first = rubin.First(a => a.Values[Core.Surveys.Survey.Lsst.ObjectId.Ordinal] is not null);
        var (fields, rows, _) = await Ok(await _client.GetAsync($"/lsst/scs?RA={F(first.Ra)}&DEC={F(first.Dec)}&SR=2&VERB=1"));
        Assert.Equal(["diaObjectId", "r_ra", "r_dec", "separation"], fields);
        Assert.Contains(rows, r => r[0] == first.ObjectId);

        var rest = await ApiJson.Records(await _client.GetAsync($"/lsst/api/v1/conesearch?ra={F(first.Ra)}&dec={F(first.Dec)}&radius=7200"));
        Assert.Equal(rest.Select(r => r["r:diaObjectId"].GetInt64().ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
    }
}
