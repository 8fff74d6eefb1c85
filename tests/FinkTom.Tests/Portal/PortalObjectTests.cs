using FinkTom.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinkTom.Tests.Portal;

/// <summary>The object page: summary, light curve with upper limits, cutouts with stretches, science views.</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalObjectTests(PortalServer server)
{
    private const string Object = "ZTF18aaadweo"; // 5 alerts, 2 seasons of history with upper limits (sample data)

    private async Task<List<Dictionary<string, System.Text.Json.JsonElement>>> LightCurveAsync(string objectId)
    {
        using var api = server.Api();
        return await ApiJson.Records(await ApiJson.Post(api, "/api/v1/objects", new { objectId, withupperlim = true }));
    }

    [Fact]
    public async Task Light_curve_shows_every_detection_and_toggles_upper_limits()
    {
        var rows = await LightCurveAsync(Object);
        int Count(string tag, int fid) => rows.Count(r => r.Str("d:tag") == tag && r.Num("i:fid") == fid
            && r[tag == "upperlim" ? "i:diffmaglim" : "i:magpsf"].ValueKind == System.Text.Json.JsonValueKind.Number);

        var page = await server.NewPageAsync();
        await page.GotoAsync($"/{Object}");
        await Expect(page.Locator("#object-title")).ToHaveTextAsync(Object);
        var summary = page.Locator(".summary");
        await Expect(summary).ToContainTextAsync($"{rows.Count(r => r.Str("d:tag") == "valid")} good, {rows.Count(r => r.Str("d:tag") == "badquality")} bad quality, {rows.Count(r => r.Str("d:tag") == "upperlim")} upper limits");
        await Expect(summary).ToContainTextAsync("06 25 16.23 +73 34 39.4");
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "SIMBAD (5″)" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("Coord=96.317631"));

        var plot = page.Locator(".lc-plot svg.plot");
        await Expect(plot.Locator("[data-series='valid-g'] .pt")).ToHaveCountAsync(Count("valid", 1));
        await Expect(plot.Locator("[data-series='valid-r'] .pt")).ToHaveCountAsync(Count("valid", 2));
        await Expect(plot.Locator("[data-series='upper-g'] .pt")).ToHaveCountAsync(Count("upperlim", 1));
        // The received alerts are the clickable points: one per alert.
        await Expect(plot.Locator(".pt.clickable")).ToHaveCountAsync(rows.Count(r => r["v:classification"].ValueKind == System.Text.Json.JsonValueKind.String));

        await page.GetByLabel("Upper limits").UncheckAsync();
        await Expect(plot.Locator("[data-series^='upper-']")).ToHaveCountAsync(0);
        await page.GetByLabel("Upper limits").CheckAsync();
        await Expect(page.Locator(".lc-plot [data-series^='upper-']")).Not.ToHaveCountAsync(0);

        await page.GetByLabel("Apparent (DC) magnitude").CheckAsync();
        await Expect(page.Locator(".lc-plot svg.plot")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("Apparent"));
        await Expect(page.Locator(".lc-plot .hline-label")).Not.ToHaveCountAsync(0); // the reference-source levels
        await page.GetByLabel("Difference magnitude").CheckAsync();
        await PortalServer.ScreenshotAsync(page, "06-object");
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task Cutouts_load_for_the_latest_alert_follow_the_clicked_alert_and_the_stretch()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/{Object}");
        var images = page.Locator(".cutouts img");
        await Expect(images).ToHaveCountAsync(3);
        await AssertImagesLoadedAsync(page);
        var latest = await page.Locator("#cutout-alert").InputValueAsync();
        Assert.Matches("^[0-9]{18,19}$", latest); // the 64-bit candid arrived exactly, as a string

        await page.GetByLabel("Stretch").SelectOptionAsync("linear");
        await page.GetByLabel("Colormap").SelectOptionAsync("viridis");
        await Expect(images.First).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("stretch=linear&colormap=viridis"));
        await AssertImagesLoadedAsync(page);

        // Clicking the oldest received alert on the light curve moves the cutouts to it.
        var points = page.Locator(".lc-plot .pt.clickable");
        var oldest = await page.Locator("#cutout-alert option").Last.GetAttributeAsync("value");
        Assert.NotEqual(latest, oldest);
        var count = await points.CountAsync();
        for (var i = 0; i < count && await page.Locator("#cutout-alert").InputValueAsync() != oldest; i++)
        {
            await points.Nth(i).FocusAsync();
            await page.Keyboard.PressAsync("Enter"); // keyboard works as well as a click
        }
        await Expect(page.Locator("#cutout-alert")).ToHaveValueAsync(oldest!);
        await Expect(images.First).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex($"candid={oldest}"));
        await AssertImagesLoadedAsync(page);
    }

    private static async Task AssertImagesLoadedAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.cutouts img')].every(i => i.complete)");
        var widths = await page.EvalOnSelectorAllAsync<int[]>(".cutouts img", "imgs => imgs.map(i => i.naturalWidth)");
        Assert.Equal([63, 63, 63], widths);
    }

    [Fact]
    public async Task Variable_star_view_finds_a_period_and_folds_the_light_curve()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/{Object}?tab=variable");
        var tab = page.GetByRole(AriaRole.Tab, new() { Name = "Variable star" });
        await Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
        await page.GetByLabel("Minimum period (days)").FillAsync("0.5");
        await page.GetByLabel("Maximum period (days)").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search period" }).ClickAsync();
        var result = page.Locator(".result");
        await Expect(result).ToContainTextAsync("Best period");
        var period = double.Parse((await result.GetAttributeAsync("data-period"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(period, 0.5, 20);
        await Expect(page.Locator(".tabpanel svg.plot")).ToHaveCountAsync(2); // folded curve and periodogram
        await PortalServer.ScreenshotAsync(page, "07-variable-star");

        // A range the browser should not try: too many trial frequencies is refused with a reason.
        await page.GetByLabel("Minimum period (days)").FillAsync("0.001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search period" }).ClickAsync();
        await Expect(page.Locator(".tabpanel [role=alert]")).ToContainTextAsync("trial frequencies");
    }

    [Fact]
    public async Task Tabs_switch_by_keyboard_and_microlensing_and_supernova_views_compute()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/{Object}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Light curve" }).FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        var micro = page.GetByRole(AriaRole.Tab, new() { Name = "Microlensing" });
        await Expect(micro).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(micro).ToBeFocusedAsync();
        await Expect(page).ToHaveURLAsync($"{server.BaseUrl}/{Object}?tab=microlensing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fit PSPL model" }).ClickAsync();
        var chi2 = page.Locator("[data-chi2]");
        await Expect(chi2).ToBeVisibleAsync();
        Assert.True(double.Parse((await chi2.GetAttributeAsync("data-chi2"))!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        await Expect(page.Locator(".fit-result")).ToContainTextAsync("tE");

        // An object whose alerts carry Fink's supernova scores.
        await page.GotoAsync("/ZTF21acoshvy?tab=supernova");
        await Expect(page.Locator(".tabpanel svg.plot").First).ToBeVisibleAsync();
        await Expect(page.Locator(".tabpanel .pt")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator(".tabpanel")).ToContainTextAsync("Early SN Ia (random forest)");
        await PortalServer.ScreenshotAsync(page, "08-supernova");
    }

    [Fact]
    public async Task A_degenerate_microlensing_fit_is_flagged_not_shown_as_a_measurement()
    {
        // ZTF21acoshvy is a supernova: an unbounded fit once gave u0 = 0.0000 and tE = 106,993 d with a model that dipped.
        var page = await server.NewPageAsync();
        await page.GotoAsync("/ZTF21acoshvy?tab=microlensing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fit PSPL model" }).ClickAsync();
        var verdict = page.Locator(".fit-warning, .pspl-output .status.error");
        await Expect(verdict.First).ToBeVisibleAsync();
        await Expect(verdict.First).ToContainTextAsync(new System.Text.RegularExpressions.Regex("Degenerate fit|No microlensing fit"));
        var facts = await page.Locator(".pspl-output").InnerTextAsync();
        Assert.DoesNotContain("106993", facts.Replace(",", ""));
        Assert.DoesNotContain("u₀\t0.0000", facts);
        await PortalServer.ScreenshotAsync(page, "13-microlensing-degenerate");
        Assert.Empty(server.PageErrors[page]);
    }
}
