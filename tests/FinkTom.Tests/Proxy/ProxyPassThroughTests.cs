using FinkTom.Tests.FinkClient;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Proxy;

/// <summary>In proxy mode, what FinkTom cannot answer offline (SIMBAD names, /ssoft, /ssobulk) is relayed as received.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProxyPassThroughTests
{
    [Fact]
    public async Task A_simbad_name_is_resolved_by_upstream_with_reverse_sent_as_a_json_boolean()
    {
        using var upstream = new FakeFinkUpstream();
        upstream.AnswerJson("/api/v1/resolver", """[{"name":"Vega","oname":"* alf Lyr","otype":"PulsV*delSct","jradeg":279.23,"jdedeg":38.78}]""");
        using var proxy = new ProxyServer(upstream);

        var response = await proxy.Client().GetAsync("/api/v1/resolver?resolver=simbad&name=Vega&reverse=False");
        var again = await proxy.Client().GetAsync("/api/v1/resolver?resolver=simbad&name=Vega&reverse=False");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("* alf Lyr", (await ApiJson.Records(response))[0].Str("oname"));
        Assert.Equal(["upstream", "cache"], new[] { response.Source(), again.Source() });
        var sent = upstream.LastBody("/api/v1/resolver");
        Assert.Equal(("simbad", "Vega", false), (sent["resolver"]!.GetValue<string>(), sent["name"]!.GetValue<string>(), sent["reverse"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task The_ssoft_parquet_file_is_relayed_byte_for_byte()
    {
        using var upstream = new FakeFinkUpstream();
        byte[] parquet = [.. "PAR1"u8, 1, 2, 3, .. "PAR1"u8];
        upstream.Answer("/api/v1/ssoft", 200, "application/parquet", parquet);
        using var proxy = new ProxyServer(upstream);

        var response = await proxy.Client().GetAsync("/api/v1/ssoft?flavor=HG");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(parquet, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("HG", upstream.LastBody("/api/v1/ssoft")["flavor"]!.GetValue<string>());
    }
}
