using System.Text.Json;
using FinkTom.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinkTom.Tests.Portal;

/// <summary>/stats: per-night plots and per-class / per-band totals read from /api/v1/statistics and Rubin's.</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalStatsTests(PortalServer server)
{
    private async Task<List<Dictionary<string, JsonElement>>> NightsAsync(string path, string date = "")
    {
        using var api = server.Api();
        return await ApiJson.Records(await api.GetAsync($"{path}?date={date}", TestContext.Current.CancellationToken));
    }

    private static long Sum(IEnumerable<Dictionary<string, JsonElement>> rows, string column) =>
        rows.Sum(r => r.TryGetValue(column, out var v) ? v.GetInt64() : 0);

    private static string Thousands(long n) => n.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Stats_plots_every_night_with_the_api_s_totals_per_night_class_and_band()
    {
        var ztf = await NightsAsync("/api/v1/statistics");
        var rubin = await NightsAsync("/lsst/api/v1/statistics");
        Assert.True(ztf.Count > 1, "the sample spans several nights");

        var page = await server.NewPageAsync();
        await page.GotoAsync("/stats");
        var ztfSection = page.Locator("#ztf-stats");
        await Expect(ztfSection.Locator("[data-total='Nights']")).ToHaveTextAsync(ztf.Count.ToString());
        await Expect(ztfSection.Locator("[data-total='Alerts received']")).ToHaveTextAsync(Thousands(Sum(ztf, "basic:raw")));
        await Expect(ztfSection.Locator("[data-total='Passing the quality cut']")).ToHaveTextAsync(Thousands(Sum(ztf, "basic:sci")));
        // One point per night in each series, each titled with its night and count.
        var plot = ztfSection.Locator(".ztf-nights svg.plot");
        await Expect(plot.Locator("[data-series='raw'] .pt")).ToHaveCountAsync(ztf.Count);
        var first = ztf[0];
        var night = first.Str("key:key")["ztf_".Length..];
        await Expect(plot.Locator("[data-series='raw'] .pt title").First)
            .ToHaveTextAsync($"{night[..4]}-{night[4..6]}-{night[6..]}: {Thousands(first["basic:raw"].GetInt64())} received (basic:raw)");

        // Per class: every class with alerts, with the sum over the nights.
        var classes = ztf.SelectMany(r => r.Keys).Where(k => k.StartsWith("class:") && k is not "class:simbad_tot" and not "class:simbad_gal").Distinct()
            .Select(k => (Name: k["class:".Length..], Total: Sum(ztf, k))).Where(c => c.Total > 0).ToList();
        Assert.NotEmpty(classes);
        await Expect(ztfSection.Locator(".bar-list li")).ToHaveCountAsync(classes.Count);
        var shown = await ztfSection.Locator(".bar-list li").EvaluateAllAsync<string[][]>("items => items.map(li => [li.dataset.name, li.dataset.total])");
        Assert.Equal(classes.Select(c => $"{c.Name}={c.Total}").Order(), shown.Select(p => $"{p[0]}={p[1]}").Order());

        // Rubin: its nights and alerts per band.
        var rubinSection = page.Locator("#rubin-stats");
        await Expect(rubinSection.Locator("[data-total='Alerts']")).ToHaveTextAsync(Thousands(Sum(rubin, "f:alerts")));
        await Expect(rubinSection.Locator(".rubin-nights [data-series='alerts'] .pt")).ToHaveCountAsync(rubin.Count);
        foreach (var band in "ugrizy")
            await Expect(rubinSection.Locator($".bar-list li[data-name='{band}']")).ToHaveAttributeAsync("data-total", Sum(rubin, $"f:alerts_{band}").ToString());
        await PortalServer.ScreenshotAsync(page, "15-stats-plots");
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task Stats_of_one_year_are_the_api_s_answer_for_that_year_and_the_year_is_kept_in_the_url()
    {
        var all = await NightsAsync("/api/v1/statistics");
        var year = all.Select(r => r.Str("key:key").Substring(4, 4)).GroupBy(y => y).OrderByDescending(g => g.Count()).First().Key;
        var nights = await NightsAsync("/api/v1/statistics", year);
        Assert.True(nights.Count < all.Count, "the chosen year holds fewer nights than the whole store");

        var page = await server.NewPageAsync();
        await page.GotoAsync("/stats");
        await page.GetByLabel("Nights:").SelectOptionAsync(year);
        await Expect(page).ToHaveURLAsync($"{server.BaseUrl}/stats?year={year}");
        await Expect(page.Locator("#ztf-stats [data-total='Nights']")).ToHaveTextAsync(nights.Count.ToString());
        await Expect(page.Locator("#ztf-stats [data-total='Alerts received']")).ToHaveTextAsync(Thousands(Sum(nights, "basic:raw")));
        await Expect(page.Locator("#ztf-stats .ztf-nights [data-series='raw'] .pt")).ToHaveCountAsync(nights.Count);

        await page.ReloadAsync(); // a shared link keeps the year
        await Expect(page.GetByLabel("Nights:")).ToHaveValueAsync(year);
        await Expect(page.Locator("#ztf-stats [data-total='Nights']")).ToHaveTextAsync(nights.Count.ToString());
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task Stats_fit_a_phone_screen()
    {
        var page = await server.NewPageAsync(400, 844, phone: true);
        await page.GotoAsync("/stats");
        await Expect(page.Locator("#rubin-stats svg.plot")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"/stats is {overflow}px wider than the phone screen");
        await PortalServer.ScreenshotAsync(page, "16-stats-phone");
    }
}
