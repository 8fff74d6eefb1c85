using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ObjectsApiTests(FinkTomFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<string> ObjectWithMostAlerts() =>
        (await factory.AllAlertsAsync()).GroupBy(a => a.ObjectId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;

    [Fact]
    public async Task Get_returns_every_alert_of_the_object_newest_first_with_fink_columns()
    {
        var objectId = await ObjectWithMostAlerts();
        var expected = (await factory.AllAlertsAsync()).Where(a => a.ObjectId == objectId).OrderByDescending(a => a.Jd).ThenByDescending(a => a.Candid).ToList();
        Assert.True(expected.Count >= 2, "the samples hold objects with several alerts");

        var rows = await ApiJson.Records(await _client.GetAsync($"/api/v1/objects?objectId={objectId}"));

        Assert.Equal(expected.Select(a => a.Candid), rows.Select(r => r["i:candid"].GetInt64()));
        var columns = rows[0].Keys.ToList();
        Assert.Equal(108, columns.Count(c => c.StartsWith("i:")));
        Assert.Contains("d:cdsxmatch", columns);
        Assert.DoesNotContain("d:classification", columns); // index-table column only, as in Fink
        foreach (var v in new[] { "v:classification", "v:rate", "v:sigma(rate)", "v:g-r", "v:sigma(g-r)", "v:rate(g-r)", "v:sigma(rate(g-r))", "v:lastdate", "v:firstdate", "v:lapse" })
            Assert.Contains(v, columns);
        Assert.Equal(columns.Where(c => c.StartsWith("d:")).ToList(), columns.Take(columns.Count(c => c.StartsWith("d:"))).ToList());
        var first = rows[0];
        Assert.Equal(expected[0].Ra, first.Num("i:ra"));
        Assert.Equal(objectId, first.Str("i:objectId"));
        Assert.Equal(first.Num("i:jd") - first.Num("i:jdstarthist"), first.Num("v:lapse"), 9);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$", first.Str("v:lastdate"));
    }

    [Fact]
    public async Task A_raw_ztf_alert_gets_finks_defaults_and_classifies_from_its_own_fields()
    {
        var row = (await ApiJson.Records(await _client.GetAsync("/api/v1/objects?objectId=ZTF19acihgng"))).Single();

        Assert.Equal("", row.Str("d:tns"));
        Assert.Equal("", row.Str("d:tracklet"));
        Assert.Equal(-1.0, row.Num("d:blazar_stats_m0"));
        Assert.Equal(JsonValueKind.Null, row["d:cdsxmatch"].ValueKind);
        Assert.Equal("Unknown", row.Str("v:classification"));
        Assert.Equal(1060135832015015002, row["i:candid"].GetInt64());
    }

    [Fact]
    public async Task Float_columns_are_written_as_their_float_value_not_widened()
    {
        var objectId = await ObjectWithMostAlerts();
        var body = await _client.GetStringAsync($"/api/v1/objects?objectId={objectId}&columns=i:magpsf");
        var expected = (float)(await factory.AllAlertsAsync()).First(a => a.ObjectId == objectId)["i:magpsf"]!;

        Assert.Contains(expected.ToString("R", System.Globalization.CultureInfo.InvariantCulture), body);
        Assert.DoesNotContain("00000", body);
    }

    [Fact]
    public async Task Post_json_body_gives_the_same_answer_as_get()
    {
        var objectId = await ObjectWithMostAlerts();
        var viaGet = await _client.GetStringAsync($"/api/v1/objects?objectId={objectId}");
        var viaPost = await (await ApiJson.Post(_client, "/api/v1/objects", new { objectId })).Content.ReadAsStringAsync();
        Assert.Equal(viaGet, viaPost);
    }

    [Fact]
    public async Task A_comma_separated_list_with_spaces_returns_all_listed_objects()
    {
        var ids = (await factory.AllAlertsAsync()).Select(a => a.ObjectId).Distinct().Order().Take(3).ToList();

        var rows = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/objects", new { objectId = string.Join(" , ", ids) }));

        Assert.Equal(ids, rows.Select(r => r.Str("i:objectId")).Distinct().Order());
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First.Num("i:jd") >= p.Second.Num("i:jd")), "sorted by i:jd descending");
    }

    [Fact]
    public async Task Columns_restricts_the_answer_to_those_columns_in_that_order()
    {
        var objectId = await ObjectWithMostAlerts();
        var rows = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/objects",
            new { objectId, columns = "i:magpsf, i:jd,i:fid" }));

        Assert.All(rows, r => Assert.Equal(["i:magpsf", "i:jd", "i:fid"], r.Keys));
    }

    [Fact]
    public async Task Unknown_object_is_an_empty_table_not_an_error()
    {
        var response = await _client.GetAsync("/api/v1/objects?objectId=ZTF00aaaaaaa");
        Assert.Empty(await ApiJson.Records(response));
    }

    [Fact]
    public async Task Withupperlim_adds_tagged_history_rows()
    {
        var alerts = await factory.AllAlertsAsync();
        var objectId = alerts.First(a => a.ObjectId == "ZTF19acihgng").ObjectId;
        var history = await factory.Store.GetHistoryAsync([objectId]);
        Assert.Contains(history, h => !h.IsDetection);

        var rows = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/objects", new { objectId, withupperlim = true }));

        var tags = rows.Select(r => r.Str("d:tag")).ToList();
        Assert.Contains("valid", tags);
        Assert.Contains("upperlim", tags);
        Assert.All(tags, t => Assert.Contains(t, new[] { "valid", "upperlim", "badquality" }));
        var upper = rows.Where(r => r.Str("d:tag") == "upperlim").ToList();
        Assert.Equal(history.Count(h => !h.IsDetection), upper.Count);
        Assert.All(upper, r =>
        {
            Assert.Equal(-1, r["i:candid"].GetInt64());
            Assert.Equal(JsonValueKind.Null, r["i:magpsf"].ValueKind);
            Assert.Equal(JsonValueKind.Number, r["i:diffmaglim"].ValueKind);
        });
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First.Num("i:jd") >= p.Second.Num("i:jd")));
        // Without the option: only the stored alert.
        Assert.Single(await ApiJson.Records(await _client.GetAsync($"/api/v1/objects?objectId={objectId}")));
    }

    [Fact]
    public async Task Ieee754_accept_header_writes_64_bit_ids_as_strings()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/objects?objectId=ZTF19acihgng&columns=i:candid,i:jd");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;IEEE754Compatible=true");

        var rows = await ApiJson.Records(await _client.SendAsync(request));

        Assert.Equal("1060135832015015002", rows[0].Str("i:candid"));
        Assert.Equal(JsonValueKind.Number, rows[0]["i:jd"].ValueKind);
        var plain = await _client.GetStringAsync("/api/v1/objects?objectId=ZTF19acihgng&columns=i:candid");
        Assert.Contains("\"i:candid\":1060135832015015002", plain);
    }

    [Theory]
    [InlineData("/api/v1/objects", "objectId")]
    [InlineData("/api/v1/objects?objectId=", "objectId")]
    [InlineData("/api/v1/objects?objectId=ZTF19acihgng&colour=1", "colour")]
    [InlineData("/api/v1/objects?objectId=ZTF19acihgng&output-format=xml", "output-format")]
    [InlineData("/api/v1/objects?objectId=ZTF19acihgng&withupperlim=maybe", "withupperlim")]
    [InlineData("/api/v1/objects?objectId=ZTF19acihgng&columns=i:magpsf,i:nope", "columns")]
    [InlineData("/api/v1/objects?objectId=ZTF19acihgng&withcutouts=True&cutout-kind=Sky", "cutout-kind")]
    [InlineData("/api/v1/objects?objectId=ZTF19acihgng&withcutouts=True&cutout-kind=1", "cutout-kind")]
    public async Task Bad_parameters_get_a_400_naming_the_parameter(string url, string parameter)
    {
        await ApiJson.AssertError(await _client.GetAsync(url), parameter);
    }

    [Fact]
    public async Task A_nameless_pair_is_no_parameter_and_is_skipped()
    {
        // Found by the fuzz suite: `?=x` was refused as the unknown parameter `` (a 400 naming an empty parameter).
        Assert.NotEmpty(await ApiJson.Records(await _client.GetAsync("/api/v1/objects?objectId=ZTF19acihgng&=x")));
        var body = new StringContent("{\"objectId\": \"ZTF19acihgng\", \"\": 1}", Encoding.UTF8, "application/json");
        Assert.NotEmpty(await ApiJson.Records(await _client.PostAsync("/api/v1/objects", body)));
    }

    [Fact]
    public async Task Columns_of_commas_only_name_no_column_and_give_every_column()
    {
        // Found by the fuzz suite: `columns=,` asked for a table of no columns, which Parquet cannot write (a 500).
        var response = await _client.GetAsync("/api/v1/objects?objectId=ZTF19acihgng&columns=,&output-format=parquet");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var all = await ApiJson.Records(await _client.GetAsync("/api/v1/objects?objectId=ZTF19acihgng"));
        var commas = await ApiJson.Records(await _client.GetAsync("/api/v1/objects?objectId=ZTF19acihgng&columns=,"));
        Assert.Equal(all[0].Keys, commas[0].Keys);
    }

    [Fact]
    public async Task Unsupported_output_format_uses_finks_message()
    {
        var text = await ApiJson.AssertError(await _client.GetAsync("/api/v1/objects?objectId=ZTF19acihgng&output-format=xml"), "output-format");
        Assert.StartsWith("Output format `xml` is not supported. Choose among json, csv, votable, or parquet", text);
    }

    [Fact]
    public async Task Too_many_ids_malformed_json_and_oversize_bodies_are_400s()
    {
        var ids = string.Join(",", Enumerable.Range(0, 1001).Select(i => $"ZTF20aaa{i:D4}"));
        await ApiJson.AssertError(await ApiJson.Post(_client, "/api/v1/objects", new { objectId = ids }), "objectId");

        var malformed = new StringContent("{\"objectId\": ", Encoding.UTF8, "application/json");
        await ApiJson.AssertError(await _client.PostAsync("/api/v1/objects", malformed), null);

        var notAnObject = new StringContent("[1, 2]", Encoding.UTF8, "application/json");
        await ApiJson.AssertError(await _client.PostAsync("/api/v1/objects", notAnObject), null);

        var huge = new StringContent("{\"objectId\": \"" + new string('Z', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");
        var text = await ApiJson.AssertError(await _client.PostAsync("/api/v1/objects", huge), null);
        Assert.Contains("limit", text);
    }

    [Fact]
    public async Task Responses_allow_any_origin()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/objects?objectId=ZTF19acihgng");
        request.Headers.Add("Origin", "https://example.org");
        var response = await _client.SendAsync(request);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
