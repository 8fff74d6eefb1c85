using FinkTom.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinkTom.Tests.Portal;

/// <summary>The object page's Observability tab: altitude and airmass over a night at a chosen site, computed offline.</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalObservabilityTests(PortalServer server)
{
    private const string Object = "ZTF18aaadweo"; // RA 6h25m, Dec +73.6°: circumpolar from Palomar, never up from Chile
    private const string Night = "2025-01-01"; // the Sun opposite 6h40m: the object transits near midnight

    private async Task<double> DecAsync()
    {
        using var api = server.Api();
        var rows = await ApiJson.Records(await ApiJson.Post(api, "/api/v1/objects", new { objectId = Object, columns = "i:dec" }));
        return rows[0].Num("i:dec");
    }

    private static double Highest(string text) =>
        double.Parse(System.Text.RegularExpressions.Regex.Match(text, @"-?\d+\.\d").Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Observability_draws_the_altitude_over_the_night_and_follows_the_site_and_the_date()
    {
        var dec = await DecAsync();
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/{Object}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Observability" }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{server.BaseUrl}/{Object}?tab=observability");
        await page.GetByLabel("Night of").FillAsync(Night);
        await Expect(page.Locator(".obs-night")).ToHaveAttributeAsync("data-date", Night);

        // Palomar: upper transit at 90° − |latitude − dec|, the curve drawn over shaded night and twilight.
        var altitude = page.Locator(".obs-altitude svg.plot");
        await Expect(page.Locator(".obs-night")).ToHaveAttributeAsync("data-site", "palomar");
        Assert.Equal(90 - Math.Abs(33.3563 - dec), Highest(await page.Locator(".obs-highest").InnerTextAsync()), 0.15);
        var curve = altitude.Locator("polyline").First;
        var palomar = await curve.GetAttributeAsync("points");
        Assert.True(palomar!.Split(' ').Length > 50, "a sample every 10 minutes over the night");
        await Expect(altitude.Locator("[data-twilight='night']")).ToHaveCountAsync(1);
        await Expect(page.Locator(".obs-airmass svg.plot polyline")).ToHaveCountAsync(1);
        await PortalServer.ScreenshotAsync(page, "17-observability");

        // Cerro Pachón: the object never rises.
        await page.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync("rubin");
        await Expect(page.Locator(".obs-night")).ToHaveAttributeAsync("data-site", "rubin");
        await Expect(page.Locator(".obs-highest")).ToContainTextAsync("below the horizon all night");
        Assert.Equal(-Math.Abs(-30.2446 - dec) + 90, Highest(await page.Locator(".obs-highest").InnerTextAsync()), 0.15);
        await Expect(page.Locator(".obs-hours")).ToHaveTextAsync("0.0 h");

        // A custom site at 60° N: higher than from Palomar.
        await page.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync("custom");
        await page.Locator("input[name=lat]").FillAsync("60");
        await page.Locator("input[name=lat]").DispatchEventAsync("change");
        await page.Locator("input[name=lon]").FillAsync("10");
        await page.Locator("input[name=lon]").DispatchEventAsync("change");
        await Expect(page.Locator(".obs-night")).ToHaveAttributeAsync("data-lat", "60");
        Assert.Equal(90 - Math.Abs(60 - dec), Highest(await page.Locator(".obs-highest").InnerTextAsync()), 0.15);
        Assert.NotEqual(palomar, await page.Locator(".obs-altitude svg.plot polyline").First.GetAttributeAsync("points"));

        // Half a year later the object is up in daytime: the night's highest point is no longer the transit.
        await page.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync("palomar");
        await page.GetByLabel("Night of").FillAsync("2025-07-01");
        await Expect(page.Locator(".obs-night")).ToHaveAttributeAsync("data-site", "palomar");
        await Expect(page.Locator(".obs-night")).ToHaveAttributeAsync("data-date", "2025-07-01");
        var july = await page.Locator(".obs-highest").InnerTextAsync();
        Assert.True(Highest(july) < 90 - Math.Abs(33.3563 - dec) - 5, july);
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task Observability_refuses_an_impossible_latitude_and_fits_a_phone_screen()
    {
        var page = await server.NewPageAsync(400, 844, phone: true);
        await page.GotoAsync($"/{Object}?tab=observability");
        await Expect(page.Locator(".obs-altitude svg.plot")).ToBeVisibleAsync();
        await page.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync("custom");
        await page.Locator("input[name=lat]").FillAsync("91");
        await page.Locator("input[name=lat]").DispatchEventAsync("change");
        await Expect(page.Locator(".obs-error")).ToHaveTextAsync("Latitude must be between −90 and 90°.");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the Observability tab is {overflow}px wider than the phone screen");
        await PortalServer.ScreenshotAsync(page, "18-observability-phone");
        Assert.Empty(server.PageErrors[page]);
    }
}
