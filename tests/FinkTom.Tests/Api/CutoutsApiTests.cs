using System.Text.Json;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class CutoutsApiTests(FinkTomFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private static (int Width, int Height, byte ColorType) PngHeader(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        int BigEndian(int at) => png[at] << 24 | png[at + 1] << 16 | png[at + 2] << 8 | png[at + 3];
        return (BigEndian(16), BigEndian(20), png[25]);
    }

    [Fact]
    public async Task Png_is_the_default_a_63_pixel_grayscale_image_named_after_the_object()
    {
        var response = await _client.GetAsync("/api/v1/cutouts?objectId=ZTF19acihgng&kind=Science");

        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ZTF19acihgng_Science.png", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal((63, 63, (byte)0), PngHeader(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_colormap_gives_an_rgba_png()
    {
        var png = await _client.GetByteArrayAsync("/api/v1/cutouts?objectId=ZTF19acihgng&kind=Difference&colormap=viridis&stretch=linear&convolution_kernel=gauss");
        Assert.Equal((63, 63, (byte)6), PngHeader(png));
    }

    [Fact]
    public async Task Fits_output_is_the_stored_stamp_decompressed()
    {
        var stored = await factory.Store.GetCutoutsAsync("ZTF19acihgng", null);
        var fits = await _client.GetByteArrayAsync("/api/v1/cutouts?objectId=ZTF19acihgng&kind=Template&output-format=FITS");

        Assert.StartsWith("SIMPLE  =", System.Text.Encoding.ASCII.GetString(fits, 0, 9));
        Assert.Equal(0, fits.Length % 2880);
        using var gz = new System.IO.Compression.GZipStream(new MemoryStream(stored!.Cutouts.Template!), System.IO.Compression.CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gz.CopyTo(plain);
        Assert.Equal(plain.ToArray(), fits);
    }

    [Fact]
    public async Task Array_output_with_kind_all_gives_three_63_by_63_arrays()
    {
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/cutouts?objectId=ZTF19acihgng&kind=All&output-format=array"));

        Assert.Equal(["b:cutoutDifference_stampData", "b:cutoutScience_stampData", "b:cutoutTemplate_stampData"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        foreach (var stamp in doc.RootElement.EnumerateObject())
        {
            Assert.Equal(63, stamp.Value.GetArrayLength());
            Assert.All(stamp.Value.EnumerateArray(), row => Assert.Equal(63, row.GetArrayLength()));
        }
    }

    [Fact]
    public async Task A_given_candid_selects_that_alert_and_an_unknown_one_is_a_404()
    {
        var multi = (await factory.AllAlertsAsync()).GroupBy(a => a.ObjectId).First(g => g.Count() > 1);
        var older = multi.MinBy(a => a.Jd)!;
        var newer = multi.MaxBy(a => a.Jd)!;

        var viaCandid = await _client.GetByteArrayAsync($"/api/v1/cutouts?objectId={multi.Key}&kind=Science&output-format=FITS&candid={older.Candid}");
        var latest = await _client.GetByteArrayAsync($"/api/v1/cutouts?objectId={multi.Key}&kind=Science&output-format=FITS");
        var explicitLatest = await _client.GetByteArrayAsync($"/api/v1/cutouts?objectId={multi.Key}&kind=Science&output-format=FITS&candid={newer.Candid}");

        Assert.Equal(explicitLatest, latest);
        Assert.NotEqual(viaCandid, latest);
        await ApiJson.AssertError(await _client.GetAsync($"/api/v1/cutouts?objectId={multi.Key}&kind=Science&candid=123"), "candid", 404);
    }

    [Fact]
    public async Task Withcutouts_on_objects_adds_the_arrays()
    {
        var rows = await ApiJson.Records(await ApiJson.Post(_client, "/api/v1/objects",
            new { objectId = "ZTF19acihgng", withcutouts = true, columns = "i:candid" }));
        Assert.Equal(["i:candid", "b:cutoutScience_stampData", "b:cutoutTemplate_stampData", "b:cutoutDifference_stampData"], rows[0].Keys);
        Assert.Equal(63, rows[0]["b:cutoutDifference_stampData"].GetArrayLength());

        var one = await ApiJson.Records(await _client.GetAsync("/api/v1/objects?objectId=ZTF19acihgng&withcutouts=True&cutout-kind=Difference&columns=i:candid"));
        Assert.Equal(["i:candid", "b:cutoutDifference_stampData"], one[0].Keys);
    }

    [Theory]
    [InlineData("objectId=ZTF00nothing&kind=Science", "objectId", 404)]
    [InlineData("objectId=ZTF19acihgng", "kind", 400)]
    [InlineData("objectId=ZTF19acihgng&kind=Sky", "kind", 400)]
    [InlineData("objectId=ZTF19acihgng&kind=All", "kind", 400)]
    [InlineData("objectId=ZTF19acihgng&kind=Science&output-format=JPEG", "output-format", 400)]
    [InlineData("objectId=ZTF19acihgng&kind=Science&stretch=wavy", "stretch", 400)]
    [InlineData("objectId=ZTF19acihgng&kind=Science&colormap=rainbowz", "colormap", 400)]
    [InlineData("objectId=ZTF19acihgng&kind=Science&candid=abc", "candid", 400)]
    [InlineData("objectId=ZTF19acihgng&kind=Science&pmin=99&pmax=1", "pmin", 400)]
    public async Task Invalid_requests_get_clear_errors(string query, string parameter, int status)
    {
        await ApiJson.AssertError(await _client.GetAsync("/api/v1/cutouts?" + query), parameter, status);
    }
}
