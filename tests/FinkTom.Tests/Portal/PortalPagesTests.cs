using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinkTom.Tests.Portal;

/// <summary>The portal's own pages linked from its header: About, Statistics, Download (they answered a bare 404).</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalPagesTests(PortalServer server)
{
    [Theory]
    [InlineData("About", "/about", "About this FinkTom")]
    [InlineData("Statistics", "/stats", "Statistics")]
    [InlineData("Download", "/download", "Download data")]
    public async Task Header_links_open_the_portal_s_pages(string link, string path, string heading)
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Service" }).GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
        await Expect(page).ToHaveURLAsync(server.BaseUrl + path);
        await Expect(page.Locator("main h2")).ToHaveTextAsync(heading);

        var response = await page.GotoAsync(path); // a shared link, loaded directly
        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("main h2")).ToHaveTextAsync(heading);
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task Statistics_and_about_show_what_the_store_holds()
    {
        using var api = server.Api();
        using var health = System.Text.Json.JsonDocument.Parse(await api.GetStringAsync("/health", TestContext.Current.CancellationToken));
        var alerts = health.RootElement.GetProperty("alerts").GetInt64().ToString();
        var rubin = health.RootElement.GetProperty("rubin").GetProperty("alerts").GetInt64().ToString();

        var page = await server.NewPageAsync();
        await page.GotoAsync("/stats");
        var ztfRow = page.Locator("table.stats-table tbody tr").Filter(new() { HasText = "ZTF" });
        await Expect(ztfRow.Locator("td").First).ToHaveTextAsync(alerts);
        await Expect(page.Locator("table.stats-table tbody tr").Filter(new() { HasText = "Rubin" }).Locator("td").First).ToHaveTextAsync(rubin);
        await PortalServer.ScreenshotAsync(page, "12-stats");

        await page.GotoAsync("/about");
        await Expect(page.Locator(".about .facts")).ToContainTextAsync($"{alerts} alerts");
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task Download_links_answer_in_the_formats_they_name()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/download");
        var hrefs = await page.Locator(".download a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.True(hrefs.Length >= 6);
        using var api = server.Api();
        foreach (var href in hrefs.Where(h => !h.EndsWith("/stream", StringComparison.Ordinal)))
        {
            using var response = await api.GetAsync(href, TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"{href}: {(int)response.StatusCode}");
        }
    }
}
