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

    [Theory]
    [InlineData("ZTF18aaadweo", 390)]
    [InlineData("ZTF21acoshvy", 400)] // many alerts: long labels in the cutout picker once widened the page to 518 px
    public async Task Object_page_fits_a_phone_screen(string objectId, int width)
    {
        var page = await server.NewPageAsync(width, 844, phone: true);
        await page.GotoAsync("/" + objectId);
        await Expect(page.Locator(".cutouts img")).ToHaveCountAsync(3);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.cutouts img')].every(i => i.complete)");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone screen");
        await PortalServer.ScreenshotAsync(page, $"10-object-phone-{objectId}");

        await page.GotoAsync("/?q=" + Uri.EscapeDataString("class=\"SN candidate\""));
        await Expect(page.Locator("table.results")).ToBeVisibleAsync();
        overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the results page is {overflow}px wider than the phone screen (the table scrolls inside its box)");
        await PortalServer.ScreenshotAsync(page, $"11-results-phone-{objectId}");
    }

    [Theory]
    [InlineData("/no-such-page", "No page at /no-such-page")]
    [InlineData("/ZTF18aaadwe", "No page at /ZTF18aaadwe")] // one letter short of an object id
    public async Task Unknown_paths_answer_404_with_the_portal_s_own_page(string path, string message)
    {
        var page = await server.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.Equal(404, response!.Status);
        await Expect(page.Locator(".status.empty")).ToContainTextAsync(message);
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Search alerts" })).ToBeVisibleAsync(); // a way on
        Assert.Empty(server.PageErrors[page]);
    }
}
