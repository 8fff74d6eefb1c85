using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FinkTom.FinkClient;
using FinkTom.Tests.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FinkTom.Tests.FinkClient;

/// <summary>The Refit client of the Fink API against a mocked upstream (<see cref="FakeFinkUpstream"/>) that answers as the contract documents.</summary>
public sealed class FinkClientTests : IDisposable
{
    private static readonly ContractDocument Contract = ContractDocument.Load();
    private readonly FakeFinkUpstream _upstream = new();
    private readonly FinkTom.FinkClient.FinkClient _client;

    public FinkClientTests() => _client = FinkTom.FinkClient.FinkClient.Create(new FinkClientOptions { BaseAddress = _upstream.BaseAddress });

    public void Dispose() => _upstream.Dispose();

    // Two rows as Fink answers /objects with withupperlim: an alert (64-bit candid) and an upper limit.
    private const string LightCurve = """
        [{"i:objectId":"ZTF21abfmbix","i:candid":1655154405415015009,"i:jd":2459376.6544097,"i:fid":2,"i:magpsf":18.123,
          "i:sigmapsf":0.07,"i:ra":240.8,"i:dec":32.6,"d:cdsxmatch":"Unknown","v:classification":"SN candidate",
          "v:lastdate":"2021-06-04 03:42:21.000","d:tag":"valid"},
         {"i:objectId":"ZTF21abfmbix","i:candid":-1,"i:jd":2459375.7,"i:fid":1,"i:magpsf":null,"i:diffmaglim":20.4,"d:tag":"upperlim"}]
        """;

    /// <summary>The request body the client sent must be one the contract documents for that path.</summary>
    private void AssertBodyFollowsContract(string path)
    {
        var errors = Contract.Validate(Contract.Operation(path, "POST").BodySchema!, _upstream.LastBody(path).ToJsonString());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task Objects_sends_finks_parameter_names_and_reads_64_bit_ids_exactly()
    {
        _upstream.AnswerJson("/api/v1/objects", LightCurve);

        var rows = await _client.ObjectsAsync(new ObjectsRequest(["ZTF21abfmbix", "ZTF19acihgng"]) { WithUpperLimits = true, Columns = "i:jd,i:magpsf" });

        Assert.Equal("""{"objectId":"ZTF21abfmbix,ZTF19acihgng","withupperlim":true,"columns":"i:jd,i:magpsf"}""",
            _upstream.LastBody("/api/v1/objects").ToJsonString());
        AssertBodyFollowsContract("/api/v1/objects");
        Assert.Equal(1655154405415015009, rows[0].GetInt64("i:candid"));
        Assert.Equal(["valid", "upperlim"], rows.Select(r => r.GetString("d:tag")));
        Assert.True(rows[1].IsNull("i:magpsf"));
        Assert.Equal(20.4, rows[1].GetDouble("i:diffmaglim"));
    }

    [Fact]
    public async Task Cone_search_latests_and_sso_send_documented_bodies()
    {
        _upstream.AnswerJson("/api/v1/conesearch", """[{"i:objectId":"ZTF19acihgng","i:candid":1060135832015015002,"i:ra":289.89,"i:dec":61.85,"v:separation_degree":0.0001}]""");
        _upstream.AnswerJson("/api/v1/latests", """[{"i:objectId":"ZTF19acihgng","i:jd":2458788.5,"v:g-r":null,"v:classification":"RRLyr"}]""");
        _upstream.AnswerJson("/api/v1/sso", """[{"i:objectId":"ZTF23ablepgb","i:ssnamenr":"1644","sso_name":"1644","sso_number":"1644"}]""");

        var cone = await _client.ConeSearchAsync(new ConeSearchRequest(289.8937586, 61.8469285, 5) { N = 10, StartDate = "2019-10-01", WindowDays = 60 });
        var latests = await _client.LatestsAsync(new LatestsRequest("(SIMBAD) RRLyr") { N = 20, Color = true });
        var sso = await _client.SsoAsync(new SsoRequest("1644") { WithCutouts = false });

        Assert.Equal("""{"ra":"289.8937586","dec":"61.8469285","radius":5,"n":10,"startdate":"2019-10-01","window":60}""",
            _upstream.LastBody("/api/v1/conesearch").ToJsonString());
        Assert.Equal("""{"class":"(SIMBAD) RRLyr","n":20,"color":true}""", _upstream.LastBody("/api/v1/latests").ToJsonString());
        foreach (var path in new[] { "/api/v1/conesearch", "/api/v1/latests", "/api/v1/sso" })
            AssertBodyFollowsContract(path);
        Assert.Equal(0.0001, cone.Single().GetDouble("v:separation_degree"));
        Assert.True(latests.Single().IsNull("v:g-r"));
        Assert.Equal("1644", sso.Single().GetString("sso_number"));
    }

    [Fact]
    public async Task Classes_and_schema_are_read_into_typed_answers()
    {
        _upstream.AnswerJson("/api/v1/classes", """
            {"Cross-match with SIMBAD (see http://simbad.u-strasbg.fr/simbad/sim-display?data=otypes)": ["(SIMBAD) QSO", "(SIMBAD) RRLyr"],
             "Cross-match with TNS": ["(TNS) SN Ia"], "Fink classifiers": ["Early SN Ia candidate", "SN candidate"]}
            """, "GET");
        _upstream.AnswerJson("/api/v1/schema", """
            {"ZTF original fields (i:)": {"jd": {"type": "double", "doc": "Observation Julian date"}, "rb": {"type": ["null", "float"], "doc": "Real-bogus"}},
             "ZTF original cutouts (b:)": {"cutoutScience_stampData": {"type": "array", "doc": "Science stamp"}},
             "Fink science module outputs (d:)": {"cdsxmatch": {"type": "string", "doc": "SIMBAD type"}},
             "Fink on-the-fly added values (v:)": {"classification": {"type": "string", "doc": "Fink class"}}}
            """, "GET");

        var classes = await _client.ClassesAsync();
        var schema = await _client.SchemaAsync();

        Assert.Equal(5, classes.All.Count());
        Assert.Contains("(TNS) SN Ia", classes["Cross-match with TNS"]);
        var rb = schema["ZTF original fields (i:)"]["rb"];
        Assert.True(rb.Nullable);
        Assert.Equal("float", rb.BaseType);
        Assert.Equal("double", schema["ZTF original fields (i:)"]["jd"].BaseType);
    }

    [Fact]
    public async Task Cutouts_come_back_as_files_with_their_type_and_name_or_as_arrays()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        _upstream.Answer("/api/v1/cutouts", 200, "image/png", png, disposition: "attachment; filename=ZTF19acihgng_Science.png");

        var file = await _client.CutoutAsync(new CutoutsRequest("ZTF19acihgng", "Science") { Stretch = "linear", Candid = "1060135832015015002" });

        Assert.Equal(png, file.Content);
        Assert.Equal("image/png", file.ContentType);
        Assert.Equal("ZTF19acihgng_Science.png", file.FileName);
        Assert.Equal("""{"objectId":"ZTF19acihgng","kind":"Science","candid":"1060135832015015002","stretch":"linear"}""",
            _upstream.LastBody("/api/v1/cutouts").ToJsonString());

        using var upstream2 = new FakeFinkUpstream();
        upstream2.AnswerJson("/api/v1/cutouts", """{"b:cutoutScience_stampData": [[1.5, null], [0.0, -2.25]]}""");
        var arrays = await FinkTom.FinkClient.FinkClient.Create(new FinkClientOptions { BaseAddress = upstream2.BaseAddress })
            .CutoutArraysAsync(new CutoutsRequest("ZTF19acihgng", "Science"));
        Assert.Equal("array", upstream2.LastBody("/api/v1/cutouts")["output-format"]!.GetValue<string>());
        Assert.Equal([[1.5, null], [0.0, -2.25]], arrays["b:cutoutScience_stampData"]);
    }

    [Fact]
    public async Task Raw_responses_relay_any_format_with_its_status_content_type_and_bytes()
    {
        var parquet = Encoding.ASCII.GetBytes("PAR1 not really a table PAR1");
        _upstream.Answer("/api/v1/latests", 200, "parquet", parquet); // Fink's literal Content-Type

        using var response = await _client.Raw.LatestsAsync(new LatestsRequest("SN candidate") { OutputFormat = "parquet" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(parquet, await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("parquet", response.Content.Headers.GetValues("Content-Type").Single());
        await Assert.ThrowsAsync<ArgumentException>(() => _client.LatestsAsync(new LatestsRequest("SN candidate") { OutputFormat = "parquet" }));
    }

    [Fact]
    public async Task Raw_responses_do_not_throw_on_errors_so_a_proxy_can_relay_them()
    {
        _upstream.Answer("/api/v1/objects", 400, "text/html; charset=utf-8", Encoding.UTF8.GetBytes("{'status': 'error', 'text': 'x'}"));
        using var response = await _client.Raw.ObjectsAsync(new ObjectsRequest("ZTF21abfmbix"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(400, "text/html; charset=utf-8", @"{'status': 'error', 'text': 'A value for `objectId` is required. See https://api.ztf.fink-portal.org \n'}",
        "A value for `objectId` is required. See https://api.ztf.fink-portal.org", null)]
    [InlineData(400, "application/json", """{"status": "error", "text": "`radius` cannot be bigger than 18,000 arcseconds (5 degrees).", "parameter": "radius"}""",
        "`radius` cannot be bigger than 18,000 arcseconds (5 degrees).", "radius")]
    [InlineData(500, "application/json", """{"message": "Internal Server Error"}""", "Internal Server Error", null)]
    [InlineData(502, "text/html", "<html>Bad gateway</html>", "<html>Bad gateway</html>", null)]
    public async Task Errors_carry_the_servers_reason_whatever_its_shape(int status, string type, string body, string text, string? parameter)
    {
        _upstream.Answer("/api/v1/conesearch", status, type, Encoding.UTF8.GetBytes(body));

        var error = await Assert.ThrowsAsync<FinkApiException>(() => _client.ConeSearchAsync(new ConeSearchRequest(1, 2, 3)));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(text, error.Text);
        Assert.Equal(parameter, error.Parameter);
        Assert.Contains(text, error.Message);
    }

    [Fact]
    public async Task A_slow_upstream_times_out_after_the_configured_timeout()
    {
        _upstream.Answer("/api/v1/classes", 200, "application/json", "{}"u8.ToArray(), "GET", delay: TimeSpan.FromSeconds(2));
        var client = FinkTom.FinkClient.FinkClient.Create(new FinkClientOptions { BaseAddress = _upstream.BaseAddress, Timeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<FinkUnavailableException>(() => client.ClassesAsync());

        Assert.True(error.IsTimeout);
    }

    [Fact]
    public async Task An_unreachable_upstream_is_reported_as_such()
    {
        var closed = _upstream.BaseAddress;
        _upstream.Dispose();
        var client = FinkTom.FinkClient.FinkClient.Create(new FinkClientOptions { BaseAddress = closed, Timeout = TimeSpan.FromSeconds(5) });

        var error = await Assert.ThrowsAsync<FinkUnavailableException>(() => client.SchemaAsync());

        Assert.False(error.IsTimeout);
    }

    [Fact]
    public async Task An_answer_that_is_not_the_documented_json_is_an_error_not_a_crash()
    {
        _upstream.Answer("/api/v1/objects", 200, "application/json", "<html>maintenance</html>"u8.ToArray());
        var error = await Assert.ThrowsAsync<FinkApiException>(() => _client.ObjectsAsync(new ObjectsRequest("ZTF21abfmbix")));
        Assert.Contains("not the JSON the contract documents", error.Text);
    }

    [Fact]
    public async Task Dependency_injection_binds_the_options_from_configuration()
    {
        _upstream.AnswerJson("/api/v1/classes", """{"Fink classifiers": ["SN candidate"], "Cross-match with TNS": ["(TNS) SN Ia"], "Cross-match with SIMBAD (see http://simbad.u-strasbg.fr/simbad/sim-display?data=otypes)": ["(SIMBAD) QSO"]}""", "GET");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FinkClient:BaseAddress"] = _upstream.BaseAddress.ToString(),
            ["FinkClient:Timeout"] = "00:00:07",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddFinkClient();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(7), provider.GetRequiredService<IOptions<FinkClientOptions>>().Value.Timeout);
        var classes = await provider.GetRequiredService<FinkTom.FinkClient.FinkClient>().ClassesAsync();
        Assert.Equal(["SN candidate"], classes["Fink classifiers"]);
    }

    [Theory]
    [InlineData("FinkClient:BaseAddress", "ftp://example.org")]
    [InlineData("FinkClient:Timeout", "-00:00:01")]
    public void Invalid_options_are_refused_at_start_up(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddFinkClient();
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FinkClientOptions>>().Value);
        Assert.Throws<ArgumentException>(() => FinkTom.FinkClient.FinkClient.Create(new FinkClientOptions { BaseAddress = new Uri("ftp://example.org") }));
    }
}
