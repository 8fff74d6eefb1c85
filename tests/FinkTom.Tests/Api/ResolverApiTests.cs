using FinkTom.Core.Tns;
using FinkTom.Tests.Support;
using FinkTom.Tests.Tns;
using Microsoft.Extensions.DependencyInjection;

namespace FinkTom.Tests.Api;

/// <summary><c>/api/v1/resolver</c> on its own server (the samples plus an imported TNS catalogue), the TNS cross-match
/// of raw alerts written after the import, and the Solar System endpoints FinkTom cannot answer offline.</summary>
public sealed class ResolverApiTests(ResolverApiTests.Server server) : IClassFixture<ResolverApiTests.Server>
{
    private readonly HttpClient _client = server.Factory.CreateClient();

    public sealed class Server : IAsyncLifetime
    {
        public FinkTomFactory Factory { get; } = new();

        public async ValueTask InitializeAsync()
        {
            await Factory.Services.GetRequiredService<ITnsCatalog>().ReplaceAsync(TnsSamples.Catalogue);
            var near = TestAlerts.Make(7_000_000_001, "ZTF23tnsnear", 2460000.5, 12.5, -30.25);
            var far = TestAlerts.Make(7_000_000_002, "ZTF23tnsfar", 2460000.5, 40, 40);
            await Factory.Writer.WriteAsync([near, far]);
        }

        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
    }

    private async Task<List<Dictionary<string, System.Text.Json.JsonElement>>> Rows(object body)
    {
        var response = await ApiJson.Post(_client, "/api/v1/resolver", body);
        Assert.Equal(200, (int)response.StatusCode);
        return await ApiJson.Records(response);
    }

    [Fact]
    public async Task Tns_forward_and_reverse_come_from_the_imported_catalogue()
    {
        var forward = await Rows(new { resolver = "tns", name = "sn 2023IXF" });
        var reverse = await Rows(new { resolver = "tns", name = "ZTF23aaklqou", reverse = true });

        Assert.Equal(["ATLAS23pxh", "ZTF23aaklqou"], forward.Select(r => r.Str("d:internalname")));
        Assert.Equal(["d:declination", "d:fullname", "d:internalname", "d:ra", "d:redshift", "d:type"], forward[0].Keys);
        Assert.Equal(("SN 2023ixf", "SN II"), (Assert.Single(reverse).Str("d:fullname"), reverse[0].Str("d:type")));
        Assert.Single(await Rows(new { resolver = "tns", name = "SN 2023", nmax = 1 }));
        Assert.Equal(5, (await Rows(new { resolver = "tns", name = "" })).Count);
    }

    [Fact]
    public async Task Raw_alerts_written_after_the_import_carry_their_tns_type()
    {
        var rows = await ApiJson.Records(await _client.GetAsync("/api/v1/objects?objectId=ZTF23tnsnear,ZTF23tnsfar&columns=i:objectId,d:tns"));

        Assert.Equal("SN Ia", rows.Single(r => r.Str("i:objectId") == "ZTF23tnsnear").Str("d:tns"));
        Assert.Equal("", rows.Single(r => r.Str("i:objectId") == "ZTF23tnsfar").Str("d:tns"));
        var latest = await ApiJson.Records(await _client.GetAsync("/api/v1/latests?class=" + Uri.EscapeDataString("(TNS) SN Ia") + "&n=1000&columns=i:objectId"));
        Assert.Contains("ZTF23tnsnear", latest.Select(r => r.Str("i:objectId")));
        Assert.DoesNotContain("ZTF23tnsfar", latest.Select(r => r.Str("i:objectId")));
    }

    [Fact]
    public async Task Simbad_reverse_lists_the_objects_alerts_with_their_label()
    {
        var rows = await Rows(new { resolver = "simbad", name = "ZTF19acihgng", reverse = true });

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(["i:objectId", "d:cdsxmatch", "i:ra", "i:dec", "i:candid", "i:jd"], r.Keys));
        Assert.All(rows, r => Assert.Equal("ZTF19acihgng", r.Str("i:objectId")));
    }

    [Fact]
    public async Task Ssodnet_answers_from_the_alerts_own_solar_system_names()
    {
        var ofObject = Assert.Single(await Rows(new { resolver = "ssodnet", name = "ZTF23ablepgb", reverse = true }));
        var ssnamenr = ofObject.Str("i:ssnamenr");
        var forward = Assert.Single(await Rows(new { resolver = "ssodnet", name = ssnamenr.ToLowerInvariant(), nmax = 1 }));

        Assert.Equal(ssnamenr, forward.Str("i:ssnamenr"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, forward["i:name"].ValueKind);
    }

    [Theory]
    [InlineData("/api/v1/resolver?resolver=simbad&name=Vega", "name")]
    [InlineData("/api/v1/resolver?resolver=ssodnet&name=Nosuchrock&nmax=1", "name")]
    [InlineData("/api/v1/ssoft?sso_name=Benoitcarry", null)]
    [InlineData("/api/v1/ssocand?kind=orbParams", null)]
    [InlineData("/api/v1/ssobulk", null)]
    public async Task What_needs_an_online_service_is_a_404_that_says_so(string query, string? parameter)
    {
        var text = await ApiJson.AssertError(await _client.GetAsync(query), parameter, 404);

        Assert.Contains("proxy mode", text);
    }

    [Theory]
    [InlineData("/api/v1/resolver?resolver=ned&name=x", "resolver")]
    [InlineData("/api/v1/resolver?resolver=simbad", "name")]
    [InlineData("/api/v1/resolver?resolver=tns&name=x&nmax=0", "nmax")]
    [InlineData("/api/v1/ssoft?flavor=XYZ", "flavor")]
    [InlineData("/api/v1/ssoft?version=2022.12", "version")]
    [InlineData("/api/v1/ssocand?kind=orbits", "kind")]
    public async Task Bad_parameters_are_a_400_naming_them(string query, string parameter) =>
        await ApiJson.AssertError(await _client.GetAsync(query), parameter);
}
