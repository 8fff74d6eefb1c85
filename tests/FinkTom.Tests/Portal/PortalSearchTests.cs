using System.Text.Json;
using FinkTom.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinkTom.Tests.Portal;

/// <summary>Each kind of search typed in the search bar, its table and its sky map, in Chromium against the real server.</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalSearchTests(PortalServer server)
{
    private static async Task SearchAsync(IPage page, string text)
    {
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search alerts" });
        await box.FillAsync(text);
        await box.PressAsync("Enter"); // with no suggestion highlighted, Enter submits what was typed
    }

    /// <summary>Distinct object ids of an API answer, in its order: what the table must list.</summary>
    private async Task<List<string>> ApiObjectsAsync(string path, object body)
    {
        using var api = server.Api();
        var rows = await ApiJson.Records(await ApiJson.Post(api, path, body));
        return rows.Select(r => r.Str("i:objectId")).Distinct().ToList();
    }

    private static async Task<List<string>> TableObjectsAsync(IPage page) =>
        [.. await page.Locator("table.results tbody tr td:first-child a").AllInnerTextsAsync()];

    [Fact]
    public async Task Home_page_offers_the_search_bar_and_examples()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveTitleAsync("FinkTom Science Portal");
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Search alerts" })).ToBeVisibleAsync();
        await page.GetByText("What can I type?").ClickAsync();
        await Expect(page.Locator(".help dt a")).ToHaveCountAsync(9);
        await PortalServer.ScreenshotAsync(page, "01-home");
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task Object_id_typed_opens_the_object_page_at_a_shareable_url()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await SearchAsync(page, "ztf18aaadweo");
        await Expect(page).ToHaveURLAsync($"{server.BaseUrl}/ZTF18aaadweo");
        await Expect(page.Locator("#object-title")).ToHaveTextAsync("ZTF18aaadweo");
        await Expect(page).ToHaveTitleAsync("ZTF18aaadweo — FinkTom Science Portal");
    }

    [Fact]
    public async Task Sexagesimal_cone_lists_the_objects_nearest_first_with_separations()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await SearchAsync(page, "06 25 16.4 +73 34 41 30m");
        await Expect(page.Locator("#results-title")).ToContainTextAsync("Cone search around RA 96.318333°, Dec 73.578056°, radius 1800″");
        var expected = await ApiObjectsAsync("/api/v1/conesearch", new { ra = 96.318333, dec = 73.578056, radius = 1800 });
        Assert.NotEmpty(expected);
        await Expect(page.Locator("table.results tbody tr")).ToHaveCountAsync(expected.Count);
        Assert.Equal(expected, await TableObjectsAsync(page));
        Assert.Equal("ZTF18aaadweo", expected[0]);
        var separations = (await page.Locator("table.results tbody tr td:nth-child(2)").AllInnerTextsAsync()).Select(double.Parse).ToList();
        Assert.Equal(separations.Order(), separations);
        Assert.True(separations[0] < 2, $"the object itself is within 2″, got {separations[0]}");
        await PortalServer.ScreenshotAsync(page, "02-cone-table");
    }

    [Fact]
    public async Task Class_completion_by_keyboard_then_a_sortable_table()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search alerts" });
        await box.FillAsync("class=SN cand");
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "SN candidate", Exact = true })).ToBeVisibleAsync();
        await box.PressAsync("ArrowDown");
        await Expect(box).ToHaveAttributeAsync("aria-activedescendant", "suggestion-0");
        await box.PressAsync("Enter");
        await Expect(box).ToHaveValueAsync("class=\"SN candidate\" ");
        await box.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"\?q=class%3D%22SN(\+|%20)candidate%22"));
        var expected = await ApiObjectsAsync("/api/v1/latests", new { @class = "SN candidate", n = 100 });
        await Expect(page.Locator("table.results tbody tr")).ToHaveCountAsync(expected.Count);
        Assert.Equal(expected, await TableObjectsAsync(page));

        // Sort by magnitude: headers are buttons; aria-sort says the order; the URL keeps it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Magnitude" }).ClickAsync();
        await Expect(page.Locator("th[aria-sort='ascending']")).ToContainTextAsync("Magnitude");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sort=mag"));
        var mags = (await page.Locator("table.results tbody tr td:nth-child(4)").AllInnerTextsAsync()).Select(t => double.Parse(t.Split(' ')[0])).ToList();
        Assert.Equal(mags.Order(), mags);
        await page.GetByRole(AriaRole.Button, new() { Name = "Magnitude" }).ClickAsync();
        await Expect(page.Locator("th[aria-sort='descending']")).ToContainTextAsync("Magnitude");
        await PortalServer.ScreenshotAsync(page, "03-class-table");
    }

    [Fact]
    public async Task Sky_map_draws_every_object_coloured_by_class_and_opens_one_on_click()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/?q=" + Uri.EscapeDataString("class=\"SN candidate\""));
        var expected = await ApiObjectsAsync("/api/v1/latests", new { @class = "SN candidate", n = 100 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sky map" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("view=map"));
        await Expect(page.Locator("svg.skymap a.sky-point")).ToHaveCountAsync(expected.Count);
        await Expect(page.Locator(".map-legend")).ToContainTextAsync($"SN candidate ({expected.Count})");
        await PortalServer.ScreenshotAsync(page, "04-class-map");

        await page.GetByRole(AriaRole.Button, new() { Name = "Galactic" }).ClickAsync();
        await Expect(page.Locator("svg.skymap")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("galactic"));
        await Expect(page.Locator("svg.skymap a.sky-point")).ToHaveCountAsync(expected.Count);

        var target = page.Locator($"svg.skymap a.sky-point[data-object-id='{expected[0]}']");
        await target.ClickAsync();
        await Expect(page).ToHaveURLAsync($"{server.BaseUrl}/{expected[0]}");
        await Expect(page.Locator("#object-title")).ToHaveTextAsync(expected[0]);

        // Back returns to the map, as the URL said.
        await page.GoBackAsync();
        await Expect(page.Locator("svg.skymap a.sky-point")).ToHaveCountAsync(expected.Count);
    }

    [Fact]
    public async Task Date_search_lists_the_alerts_of_a_time_window()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await SearchAsync(page, "2021-11-22 02:30 window=30");
        var expected = await ApiObjectsAsync("/api/v1/explorer", new { startdate = "2021-11-22 02:30", window = 30 });
        Assert.NotEmpty(expected);
        await Expect(page.Locator("#results-title")).ToHaveTextAsync("Alerts from 2021-11-22 02:30 over 30 minutes");
        await Expect(page.Locator("table.results tbody tr")).ToHaveCountAsync(expected.Count);
        Assert.Equal(expected.Order(), (await TableObjectsAsync(page)).Order());
    }

    [Fact]
    public async Task Solar_system_number_finds_its_alerts_and_opens_on_the_solar_system_view()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await SearchAsync(page, "6281");
        await Expect(page.Locator("#results-title")).ToHaveTextAsync("Solar System object 6281");
        await Expect(page.Locator("table.results tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.results tbody")).ToContainTextAsync("ZTF19acmbvwi");
        await page.GetByRole(AriaRole.Link, new() { Name = "ZTF19acmbvwi" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Solar System" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator(".tabpanel svg.plot")).ToHaveCountAsync(2);
        await Expect(page.Locator(".tabpanel")).ToContainTextAsync("1 alert of 6281 under 1 ZTF object id");
        await PortalServer.ScreenshotAsync(page, "05-sso-object");
    }

    [Fact]
    public async Task Downloads_offer_the_same_search_in_every_api_format()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/?q=" + Uri.EscapeDataString("06 25 16.4 +73 34 41 30m"));
        var links = page.Locator(".downloads a");
        await Expect(links).ToHaveCountAsync(4);
        using var api = server.Api();
        foreach (var (format, type) in new[] { ("json", "application/json"), ("csv", "application/csv"), ("votable", "text/xml"), ("parquet", "application/vnd.apache.parquet") })
        {
            var href = await page.Locator($".downloads a[href*='output-format={format}']").GetAttributeAsync("href");
            var response = await api.GetAsync(href);
            Assert.True(response.IsSuccessStatusCode, $"{href}: {(int)response.StatusCode}");
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        }
        var json = await api.GetStringAsync(await page.Locator(".downloads a[href*='output-format=json']").GetAttributeAsync("href"));
        Assert.Equal("ZTF18aaadweo", JsonDocument.Parse(json).RootElement[0].GetProperty("i:objectId").GetString());
    }

    [Fact]
    public async Task Every_help_example_finds_something_on_the_bundled_alerts()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByText("What can I type?").ClickAsync();
        var examples = await page.Locator(".help dt a").AllInnerTextsAsync();
        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            await page.GotoAsync("/");
            await page.GetByText("What can I type?").ClickAsync();
            await page.Locator(".help dt a").GetByText(example, new() { Exact = true }).ClickAsync();
            var found = page.Locator("table.results tbody tr, #object-title");
            await Expect(found.First).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Expect(page.Locator(".status.error")).ToHaveCountAsync(0);
        }
        Assert.Empty(server.PageErrors[page]);
    }

    [Theory]
    [InlineData("class=Unknown last=50", "/api/v1/latests", "Unknown")]
    [InlineData("class=Anomaly last=10", "/api/v1/anomaly", null)]
    public async Task Unknown_and_Anomaly_are_classes_the_search_bar_understands(string search, string path, string? className)
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await SearchAsync(page, search);
        await Expect(page.Locator("table.results")).ToBeVisibleAsync();
        object body = className is null ? new { n = 10 } : new { @class = className, n = 50 };
        Assert.Equal(await ApiObjectsAsync(path, body), await TableObjectsAsync(page));
        Assert.Empty(server.PageErrors[page]);
    }
}
