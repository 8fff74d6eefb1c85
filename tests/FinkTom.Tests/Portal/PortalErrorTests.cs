using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinkTom.Tests.Portal;

/// <summary>What a user sees when a search is wrong, finds nothing or the API refuses it; phone layout; history.</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalErrorTests(PortalServer server)
{
    [Theory]
    [InlineData("400 95", "Right ascension \"400\" is not valid")]
    [InlineData("Vega", "resolves no names")]
    [InlineData("ZTF18aaad", "12 characters")]
    [InlineData("class=SN candidat", "Did you mean \"SN candidate\"")]
    public async Task Searches_not_understood_say_why(string text, string message)
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/?q=" + Uri.EscapeDataString(text));
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("The search was not understood");
        await Expect(alert).ToContainTextAsync(message);
    }

    [Fact]
    public async Task An_error_from_the_api_is_shown_with_its_parameter()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/?q=" + Uri.EscapeDataString("class=\"SN candidate\" after=2023-13-45"));
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("The search failed");
        await Expect(alert).ToContainTextAsync("Parameter: startdate");
        await PortalServer.ScreenshotAsync(page, "09-error");
    }

    [Fact]
    public async Task Nothing_found_and_unknown_objects_are_said_plainly()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/?q=" + Uri.EscapeDataString("0 -89 1"));
        await Expect(page.Locator(".count")).ToHaveTextAsync("Nothing found");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "No object matches" })).ToContainTextAsync("larger radius");

        await page.GotoAsync("/ZTF99zzzzzzz");
        await Expect(page.Locator(".status.empty")).ToContainTextAsync("ZTF99zzzzzzz is not in this FinkTom store");
    }

    [Fact]
    public async Task Back_and_forward_move_between_search_and_object_pages()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/?q=" + Uri.EscapeDataString("06 25 16.4 +73 34 41 30m"));
        await page.GetByRole(AriaRole.Link, new() { Name = "ZTF18aaadweo" }).ClickAsync();
        await Expect(page.Locator("#object-title")).ToHaveTextAsync("ZTF18aaadweo");
        await page.GoBackAsync();
        await Expect(page.Locator("table.results")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Search alerts" })).ToHaveValueAsync("06 25 16.4 +73 34 41 30m");
        await page.GoForwardAsync();
        await Expect(page.Locator("#object-title")).ToHaveTextAsync("ZTF18aaadweo");
    }

    [Fact]
    public async Task Object_page_fits_a_phone_screen()
    {
        var page = await server.NewPageAsync(390, 844, phone: true);
        await page.GotoAsync("/ZTF18aaadweo");
        await Expect(page.Locator(".cutouts img")).ToHaveCountAsync(3);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.cutouts img')].every(i => i.complete)");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone screen");
        await PortalServer.ScreenshotAsync(page, "10-object-phone");

        await page.GotoAsync("/?q=" + Uri.EscapeDataString("class=\"SN candidate\""));
        await Expect(page.Locator("table.results")).ToBeVisibleAsync();
        overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the results page is {overflow}px wider than the phone screen (the table scrolls inside its box)");
        await PortalServer.ScreenshotAsync(page, "11-results-phone");
    }
}
