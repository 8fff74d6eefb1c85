using FinkTom.Core.Model;
using FinkTom.FinkClient;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.FinkClient;

/// <summary>The same client against the real FinkTom (WebApplicationFactory's in-memory server): FinkTom speaks the API the client expects.</summary>
[Collection(ApiCollection.Name)]
public sealed class FinkClientAgainstFinkTomTests(FinkTomFactory factory)
{
    private FinkTom.FinkClient.FinkClient Client() =>
        FinkTom.FinkClient.FinkClient.Create(new FinkClientOptions { BaseAddress = factory.Server.BaseAddress }, factory.Server.CreateHandler());

    [Fact]
    public async Task Every_search_works_against_finktom()
    {
        var client = Client();
        var all = await factory.AllAlertsAsync();

        var objects = await client.ObjectsAsync(new ObjectsRequest("ZTF18aaadweo") { WithUpperLimits = true });
        Assert.Equal(all.Where(a => a.ObjectId == "ZTF18aaadweo").Select(a => a.Candid).Order(),
            objects.Where(r => r.GetString("d:tag") == "valid" && r.GetInt64("i:candid") > 0 && all.Any(a => a.Candid == r.GetInt64("i:candid")))
                .Select(r => r.GetInt64("i:candid")!.Value).Order());
        Assert.Contains(objects, r => r.GetString("d:tag") == "upperlim");

        var cone = await client.ConeSearchAsync(new ConeSearchRequest(289.8937586, 61.8469285, 5));
        Assert.Equal("ZTF19acihgng", cone.Single().GetString("i:objectId"));

        var latests = await client.LatestsAsync(new LatestsRequest("SN candidate") { N = 3 });
        Assert.Equal(3, latests.Count);

        var sso = await client.SsoAsync(new SsoRequest("1644"));
        Assert.Equal("ZTF23ablepgb", sso.Single().GetString("i:objectId"));

        Assert.Contains("SN candidate", (await client.ClassesAsync()).All);
        Assert.Equal(108, (await client.SchemaAsync())["ZTF original fields (i:)"].Count);

        var stamp = await client.CutoutAsync(new CutoutsRequest("ZTF19acihgng", "Science") { OutputFormat = "FITS" });
        Assert.Equal("application/octet-stream", stamp.ContentType);
        Assert.Equal("ZTF19acihgng_Science.fits", stamp.FileName);
        var arrays = await client.CutoutArraysAsync(new CutoutsRequest("ZTF19acihgng", "All"));
        Assert.Equal(3, arrays.Count);
        Assert.All(arrays.Values, a => Assert.Equal(63, a.Length));
    }

    [Fact]
    public async Task Finktom_errors_reach_the_caller_with_the_parameter()
    {
        var error = await Assert.ThrowsAsync<FinkApiException>(() => Client().ConeSearchAsync(new ConeSearchRequest(10, 10, 20000)));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("radius", error.Parameter);
    }
}
