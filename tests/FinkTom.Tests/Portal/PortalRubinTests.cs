using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinkTom.Tests.Portal;

/// <summary>Rubin objects in the portal (issue 19 item 5), on the bundled Rubin sample: a diaObjectId opens its page
/// (summary, diaSource light curve with forced photometry, cutouts, tags); the survey switch searches Rubin's cones;
/// a tag lists its alerts.</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalRubinTests(PortalServer server)
{
    private const string Object = "170028485706776685"; // a static object of the sample, passing remove_unlikely_transients

    private static async Task SearchAsync(IPage page, string text, string? survey = null)
    {
        if (survey is not null)
            await page.GetByRole(AriaRole.Combobox, new() { Name = "Survey" }).SelectOptionAsync(survey);
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search alerts" });
        await box.FillAsync(text);
        await box.PressAsync("Enter");
    }

    [Fact]
    public async Task A_diaObjectId_opens_the_Rubin_object_page_with_light_curve_cutouts_and_tags()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await SearchAsync(page, Object);
        await Expect(page).ToHaveURLAsync($"{server.BaseUrl}/lsst/{Object}");
        await Expect(page.Locator("#object-title")).ToHaveTextAsync(Object); // 64-bit id, every digit
        await Expect(page.Locator(".rubin-lc svg.plot")).ToBeVisibleAsync();
        Assert.True(await page.Locator(".rubin-lc .pt").CountAsync() > 1, "diaSources and forced photometry are plotted");
        await Expect(page.Locator(".cutouts img")).ToHaveCountAsync(3);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.cutouts img')].every(i => i.complete && i.naturalWidth >= 30)");
        var tag = page.Locator(".summary .tags a", new() { HasText = "remove_unlikely_transients" });
        await Expect(tag).ToHaveAttributeAsync("href", "/livestream/filters/remove_unlikely_transients"); // livestream only
        await page.GetByLabel("AB magnitude").CheckAsync();
        await Expect(page.Locator(".rubin-lc svg.plot")).ToContainTextAsync("AB magnitude");
        await PortalServer.ScreenshotAsync(page, "14-rubin-object");
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task The_survey_switch_searches_Rubin_cones_and_a_row_opens_its_object()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await SearchAsync(page, "63.3496 -47.1808 60", survey: "lsst");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("survey=lsst"));
        var link = page.Locator("table.results tbody a", new() { HasText = Object });
        await Expect(link).ToBeVisibleAsync();
        await link.ClickAsync();
        await Expect(page.Locator("#object-title")).ToHaveTextAsync(Object);
        Assert.Empty(server.PageErrors[page]);
    }

    [Theory]
    [InlineData("tag=in_tns", null)]                            // served by /lsst/api/v1/tags; no sample alert passed it
    [InlineData("tag=remove_unlikely_transients", "Livestream")] // Fink publishes it, its API does not serve it
    public async Task A_tag_search_asks_Fink_s_tag_endpoint_and_says_what_it_answered(string search, string? refusal)
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/?q=" + Uri.EscapeDataString(search));
        if (refusal is null)
        {
            await Expect(page.Locator(".count")).ToHaveTextAsync("Nothing found");
            await Expect(page.Locator(".downloads a")).ToHaveCountAsync(0);
        }
        else
        {
            var alert = page.GetByRole(AriaRole.Alert);
            await Expect(alert).ToContainTextAsync(refusal);
            await Expect(alert).ToContainTextAsync("Parameter: tag");
        }
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task The_Rubin_object_page_fits_a_phone_screen()
    {
        var page = await server.NewPageAsync(400, 844, phone: true);
        await page.GotoAsync($"/lsst/{Object}");
        await Expect(page.Locator(".cutouts img")).ToHaveCountAsync(3);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the Rubin page is {overflow}px wider than the phone screen");
    }
}
