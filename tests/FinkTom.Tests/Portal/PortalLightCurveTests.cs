using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FinkTom.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinkTom.Tests.Portal;

/// <summary>The light curve explored: time zoom and pan, the calendar axis, the g − r panel, apparent (DC) flux,
/// the chooser of overlapping alerts; the same zoom and dates on a Rubin light curve.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class PortalLightCurveTests(PortalServer server)
{
    private const string Object = "ZTF18aaadweo"; // g and r the same nights; two alerts 20 min apart overlap on the plot
    private const string RubinObject = "170028485706776685";

    private async Task<List<Dictionary<string, JsonElement>>> RowsAsync()
    {
        using var api = server.Api();
        return await ApiJson.Records(await ApiJson.Post(api, "/api/v1/objects", new { objectId = Object, withupperlim = true }));
    }

    private static async Task<double[]> RangeAsync(IPage page, string plot = ".lc-plot svg.plot") =>
        await page.EvalOnSelectorAsync<double[]>(plot, "s => [Number(s.dataset.x0), Number(s.dataset.x1)]");

    /// <summary>Each calendar tick: its label, its drawn x and the x where its date's MJD falls on the plot's scale.</summary>
    private static async Task<List<(string Label, double X, double Expected)>> DateTicksAsync(IPage page, string plot)
    {
        var ticks = await page.EvalOnSelectorAsync<JsonElement>(plot, """
            s => [...s.querySelectorAll('.top-tick')].map(g => {
              const label = g.querySelector('text').textContent;
              const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?: (\d{2})h)?$/.exec(label);
              const ms = m ? Date.UTC(+m[1], (+m[2] || 1) - 1, +m[3] || 1, +m[4] || 0) : NaN;
              const mjd = ms / 86400000 + 40587, d = s.dataset;
              return { label, x: Number(g.querySelector('line').getAttribute('x1')),
                       expected: Number(d.left) + (mjd - Number(d.x0)) / (Number(d.x1) - Number(d.x0)) * Number(d.plotWidth) };
            })
            """);
        return [.. ticks.EnumerateArray().Select(t => (t.GetProperty("label").GetString()!, t.GetProperty("x").GetDouble(), t.GetProperty("expected").GetDouble()))];
    }

    private static async Task AssertDateAxisAsync(IPage page, string plot, string labelPattern)
    {
        var ticks = await DateTicksAsync(page, plot);
        Assert.True(ticks.Count >= 2, $"at least two calendar dates, got {ticks.Count}");
        foreach (var (label, x, expected) in ticks)
        {
            Assert.Matches(labelPattern, label);
            Assert.Equal(expected, x, 3); // the date sits at its own MJD
        }
    }

    [Fact]
    public async Task Calendar_dates_label_the_time_axis_and_zoom_buttons_wheel_and_drag_change_the_range()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/{Object}");
        var readout = page.Locator(".lc-range");
        await Expect(readout).ToContainTextAsync("Whole curve: MJD");
        await AssertDateAxisAsync(page, ".lc-plot svg.plot", "^[0-9]{4}(-[0-9]{2})?$"); // two seasons: years or months
        var full = await RangeAsync(page);

        var zoomIn = page.GetByRole(AriaRole.Button, new() { Name = "Zoom in on time" });
        await zoomIn.ClickAsync();
        await Expect(readout).ToContainTextAsync("Zoomed");
        var half = await RangeAsync(page);
        Assert.Equal((full[1] - full[0]) / 2, half[1] - half[0], 6);
        Assert.Equal(await RangeAsync(page), await RangeAsync(page, ".lc-colour svg.plot")); // the colour panel follows

        for (var i = 0; i < 6; i++)
            await zoomIn.ClickAsync(); // ~6 days wide: whole dates
        await AssertDateAxisAsync(page, ".lc-plot svg.plot", "^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}h)?$");
        var narrow = await RangeAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Later" }).ClickAsync();
        var later = await RangeAsync(page);
        Assert.True(later[0] > narrow[0], "Later moves the window forward in time");
        Assert.Equal(narrow[1] - narrow[0], later[1] - later[0], 6);

        // Drag to the right: earlier times come into view.
        var box = (await page.Locator(".lc-plot svg.plot .frame").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + 10);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width / 2 + 100, box.Y + 10, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        var dragged = await RangeAsync(page);
        Assert.True(dragged[0] < later[0], $"dragging right shows earlier times ({later[0]} → {dragged[0]})");

        // Reset, then the wheel zooms in about the cursor; the keyboard resets with 0.
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset zoom" }).ClickAsync();
        await Expect(readout).ToContainTextAsync("Whole curve");
        Assert.Equal(full, await RangeAsync(page));
        await page.Mouse.MoveAsync(box.X + box.Width * 0.9f, box.Y + box.Height / 2);
        await page.Mouse.WheelAsync(0, -300);
        await Expect(readout).ToContainTextAsync("Zoomed");
        var wheeled = await RangeAsync(page);
        Assert.True(wheeled[1] - wheeled[0] < (full[1] - full[0]) * 0.7);
        Assert.True(wheeled[0] > full[0] + (full[1] - full[0]) * 0.2, "zoomed about the cursor, near the end of the curve");
        await PortalServer.ScreenshotAsync(page, "21-lightcurve-zoomed");
        await page.Locator(".lc-plot").FocusAsync();
        await page.Keyboard.PressAsync("Digit0");
        await Expect(readout).ToContainTextAsync("Whole curve");
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task The_colour_panel_pairs_g_and_r_detections_less_than_half_a_day_apart()
    {
        var rows = (await RowsAsync()).Where(r => r.Str("d:tag") == "valid" && r["i:magpsf"].ValueKind == JsonValueKind.Number).ToList();
        var g = rows.Where(r => r.Num("i:fid") == 1).Select(r => (T: r.Num("i:jd"), M: r.Num("i:magpsf"))).ToList();
        var red = rows.Where(r => r.Num("i:fid") == 2).Select(r => (T: r.Num("i:jd"), M: r.Num("i:magpsf"))).ToList();
        // Closest pairs first, each detection once (the rule the panel states).
        var candidates = (from a in g.Select((p, i) => (p, i)) from b in red.Select((p, j) => (p, j))
                          let dt = Math.Abs(a.p.T - b.p.T) where dt <= 0.5 orderby dt select (a, b)).ToList();
        var usedG = new HashSet<int>(); var usedR = new HashSet<int>(); var pairs = new List<(double T, double C)>();
        foreach (var (a, b) in candidates)
        {
            if (usedG.Contains(a.i) || usedR.Contains(b.j))
                continue;
            usedG.Add(a.i);
            usedR.Add(b.j);
            pairs.Add(((a.p.T + b.p.T) / 2, a.p.M - b.p.M));
        }
        Assert.NotEmpty(pairs);

        var page = await server.NewPageAsync();
        await page.GotoAsync($"/{Object}");
        var points = page.Locator(".lc-colour [data-series='colour'] .pt");
        await Expect(points).ToHaveCountAsync(pairs.Count);
        var titles = await points.Locator("title").AllTextContentsAsync();
        var first = pairs.OrderBy(p => p.T).First();
        Assert.StartsWith($"g − r = {first.C.ToString("F3", CultureInfo.InvariantCulture)}", titles[0]);
        await Expect(page.Locator(".lc-colour svg.plot")).ToHaveAttributeAsync("aria-label", new Regex("g − r colour"));
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task Apparent_flux_adds_the_reference_flux_to_the_difference_flux_in_microjansky()
    {
        var row = (await RowsAsync()).Where(r => r.Str("d:tag") == "valid" && r.Num("i:fid") == 1
            && r["i:magnr"].ValueKind == JsonValueKind.Number && r.Num("i:magnr") > 0 && r.Num("i:distnr") is >= 0 and < 1.5)
            .OrderBy(r => r.Num("i:jd")).First();
        var sign = row.Str("i:isdiffpos") is "t" or "1" ? 1 : -1;
        var flux = 3631e6 * (Math.Pow(10, -0.4 * row.Num("i:magnr")) + sign * Math.Pow(10, -0.4 * row.Num("i:magpsf")));
        var when = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Truncate((row.Num("i:jd") - 2440587.5) * 86400000)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

        var page = await server.NewPageAsync();
        await page.GotoAsync($"/{Object}");
        await page.GetByLabel("Apparent (DC) flux (µJy)").CheckAsync();
        await Expect(page.Locator(".lc-plot svg.plot")).ToHaveAttributeAsync("aria-label", new Regex("Apparent \\(DC\\) flux"));
        await Expect(page.Locator(".lc-plot .hline-label").First).ToContainTextAsync("µJy"); // the reference source's flux
        var titles = await page.Locator(".lc-plot [data-series='valid-g'] .pt title").AllTextContentsAsync();
        var title = Assert.Single(titles, t => t.Contains(when, StringComparison.Ordinal));
        Assert.StartsWith($"g detection: {flux.ToString("F1", CultureInfo.InvariantCulture)} µJy", title);
        await Expect(page.Locator(".lc-plot [data-series^='upper-']")).ToHaveCountAsync(0); // no upper limits on total flux
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task A_click_on_overlapping_alerts_offers_a_chooser_operated_by_keyboard()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/{Object}");
        var latest = await page.Locator("#cutout-alert").InputValueAsync();
        // The first clickable point with another clickable point within 3 SVG units (drawn on top of each other).
        var index = await page.EvaluateAsync<int>("""
            () => {
              const c = [...document.querySelectorAll('.lc-plot .pt.clickable circle')].map(e => [Number(e.getAttribute('cx')), Number(e.getAttribute('cy'))]);
              return c.findIndex((p, i) => c.some((q, j) => j !== i && Math.hypot(p[0] - q[0], p[1] - q[1]) < 3));
            }
            """);
        Assert.True(index >= 0, "two received alerts overlap on the light curve");
        var point = page.Locator(".lc-plot .pt.clickable").Nth(index);
        await point.Locator("circle").ClickAsync(new() { Force = true });

        var chooser = page.Locator(".lc-plot .pick-chooser");
        await Expect(chooser).ToBeVisibleAsync();
        await Expect(chooser).ToContainTextAsync("2 points here");
        var options = chooser.Locator(".pick-list button");
        await Expect(options).ToHaveCountAsync(2);
        await Expect(options.Nth(0)).ToBeFocusedAsync();
        await PortalServer.ScreenshotAsync(page, "22-lightcurve-chooser");
        var texts = await options.AllTextContentsAsync();
        Assert.NotEqual(texts[0], texts[1]);

        // Escape closes it without choosing; reopened, ↓ then Enter picks the second alert.
        await page.Keyboard.PressAsync("Escape");
        await Expect(chooser).ToBeHiddenAsync();
        Assert.Equal(latest, await page.Locator("#cutout-alert").InputValueAsync());
        await point.Locator("circle").ClickAsync(new() { Force = true });
        await Expect(options.Nth(0)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(options.Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(chooser).ToBeHiddenAsync();
        var when = DateLabel().Match(texts[1]).Value;
        Assert.False(string.IsNullOrEmpty(when));
        var selected = await page.Locator("#cutout-alert").EvaluateAsync<string>("s => s.selectedOptions[0].textContent");
        Assert.StartsWith(when, selected); // the cutouts now show the chosen alert
        Assert.NotEqual(latest, await page.Locator("#cutout-alert").InputValueAsync());
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task The_Rubin_light_curve_has_the_calendar_axis_and_the_time_zoom()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/lsst/{RubinObject}");
        const string plot = ".rubin-lc svg.plot";
        await Expect(page.Locator(plot)).ToBeVisibleAsync();
        await Expect(page.Locator(".rubin-lc .lc-range")).ToContainTextAsync("Whole curve");
        await AssertDateAxisAsync(page, plot, "^[0-9]{4}(-[0-9]{2}(-[0-9]{2}( [0-9]{2}h)?)?)?$");
        var full = await RangeAsync(page, plot);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoom in on time" }).ClickAsync();
        await Expect(page.Locator(".rubin-lc .lc-range")).ToContainTextAsync("Zoomed");
        var zoomed = await RangeAsync(page, plot);
        Assert.Equal((full[1] - full[0]) / 2, zoomed[1] - zoomed[0], 6);
        await page.GetByLabel("AB magnitude").CheckAsync(); // the zoom survives a change of quantity
        Assert.Equal(zoomed, await RangeAsync(page, plot));
        await page.GetByLabel("psfFlux (nJy)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset zoom" }).ClickAsync();
        await Expect(page.Locator(".rubin-lc .lc-range")).ToContainTextAsync("Whole curve");
        Assert.Equal(full, await RangeAsync(page, plot));
        Assert.Empty(server.PageErrors[page]);
    }

    [GeneratedRegex("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")]
    private static partial Regex DateLabel();
}
