using System.Text;
using FinkTom.Tests.SkyMaps;
using FinkTom.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinkTom.Tests.Portal;

/// <summary>The gravitational-wave page: a sky map file chosen in the browser, its candidates as a table and on the map.</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalGravitationalWaveTests(PortalServer server) : IDisposable
{
    private readonly TempDirectory _files = new();

    // A toy NSIDE-1 map over the sample nights of 2023-10-18/19: its 90% region is the four northern polar faces.
    private static readonly double[] Probability = [0.5, 0.3, 0.1, 0.05, .. Enumerable.Repeat(0.05 / 8, 8)];

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_sky_map_chosen_lists_the_objects_of_its_credible_region_as_a_table_and_on_the_map()
    {
        var map = ToySkyMap.Write(Probability);
        var path = _files.Write("toy_bayestar.fits.gz", map);
        using var api = server.Api();
        var answer = await ApiJson.Post(api, "/api/v1/skymap", new
        {
            bayestar = GravitationalWaveMapTests.PythonLiteral(map), credible_level = 0.9, n_day_before = 1, n_day_after = 3,
        });
        var expected = (await ApiJson.Records(answer)).Select(r => r.Str("i:objectId")).Distinct().ToList();
        Assert.NotEmpty(expected);

        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Upload its sky map" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{server.BaseUrl}/gw");
        await page.Locator("#gw-file").SetInputFilesAsync(path);
        await page.GetByLabel("Days after that start").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find candidates" }).ClickAsync();

        await Expect(page.Locator(".gw-results .count")).ToContainTextAsync(
            $"{expected.Count} object{(expected.Count == 1 ? "" : "s")} in the 90% region of toy_bayestar.fits.gz");
        Assert.Equal(expected, await page.Locator("table.results tbody tr td:first-child a").AllInnerTextsAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sky map", Exact = true }).ClickAsync();
        await Expect(page.Locator("a.sky-point")).ToHaveCountAsync(expected.Count);
        await PortalServer.ScreenshotAsync(page, "08-gravitational-wave");

        await page.Locator("a.sky-point").First.ClickAsync();
        await Expect(page.Locator("#object-title")).ToHaveTextAsync(expected[0]);
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task A_file_that_is_no_sky_map_is_refused_with_the_reason()
    {
        var path = _files.Write("notes.txt", Encoding.ASCII.GetBytes("not a FITS file"));
        var page = await server.NewPageAsync();
        await page.GotoAsync("/gw");
        await page.Locator("#gw-file").SetInputFilesAsync(path);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find candidates" }).ClickAsync();

        var error = page.Locator(".gw-results .status.error");
        await Expect(error).ToContainTextAsync("not a usable sky map");
        await Expect(error.Locator(".param code")).ToHaveTextAsync("bayestar");
    }
}
