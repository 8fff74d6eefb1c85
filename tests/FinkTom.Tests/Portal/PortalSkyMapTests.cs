using System.Globalization;
using System.Text.RegularExpressions;
using FinkTom.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinkTom.Tests.Portal;

/// <summary>The results' sky map: fitted to the results, zoom and pan by buttons, keys, wheel and drag, the grid, the survey image.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class PortalSkyMapTests(PortalServer server)
{
    // A 1° cone over a cluster of sample objects near RA 13h13m, Dec +7°.
    private const string Cone = "198.2 7.0 1d";

    private async Task<int> ConeCountAsync()
    {
        using var api = server.Api();
        var rows = await ApiJson.Records(await ApiJson.Post(api, "/api/v1/conesearch", new { ra = 198.2, dec = 7.0, radius = 3600 }));
        return rows.Select(r => r.Str("i:objectId")).Distinct().Count();
    }

    private static async Task<IPage> OpenMapAsync(PortalServer server, string search)
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/?view=map&q=" + Uri.EscapeDataString(search));
        await Expect(page.Locator("svg.skymap")).ToBeVisibleAsync();
        return page;
    }

    private static async Task<double> FieldAsync(IPage page) =>
        double.Parse((await page.Locator("svg.skymap").GetAttributeAsync("data-field-deg"))!, CultureInfo.InvariantCulture);

    /// <summary>The screen box of the drawn points, as a fraction of the map's own box (width, height).</summary>
    private static async Task<double[]> PointSpreadAsync(IPage page) => await page.EvaluateAsync<double[]>("""
        () => {
          const map = document.querySelector('svg.skymap').getBoundingClientRect();
          const boxes = [...document.querySelectorAll('svg.skymap a.sky-point circle')].map(c => c.getBoundingClientRect());
          const xs = boxes.map(b => b.x + b.width / 2), ys = boxes.map(b => b.y + b.height / 2);
          return [(Math.max(...xs) - Math.min(...xs)) / map.width, (Math.max(...ys) - Math.min(...ys)) / map.height,
                  (Math.min(...xs) - map.x) / map.width, (Math.max(...xs) - map.x) / map.width];
        }
        """);

    [Fact]
    public async Task A_cone_fills_the_map_and_the_grid_is_labelled_in_arcminutes()
    {
        var expected = await ConeCountAsync();
        Assert.True(expected > 5, $"the cone holds a cluster, got {expected}");
        var page = await OpenMapAsync(server, Cone);
        await Expect(page.Locator("svg.skymap a.sky-point")).ToHaveCountAsync(expected);

        // Fitted: the 2° cluster spans much of the map, instead of a dot on the all-sky Mollweide (0.5% of its width).
        var spread = await PointSpreadAsync(page);
        Assert.True(Math.Max(spread[0], spread[1]) > 0.4, $"the points span {spread[0]:P0} × {spread[1]:P0} of the map");
        Assert.True(spread[2] > 0 && spread[3] < 1, "every point is inside the view");
        var field = await FieldAsync(page);
        Assert.InRange(field, 1.0, 10.0);
        await Expect(page.Locator(".map-fov")).ToContainTextAsync("Field");
        // Grid labels follow the zoom: degrees and arcminutes on the parallels, hours and minutes on the meridians.
        var labels = await page.Locator("svg.skymap .grid-label").AllTextContentsAsync();
        Assert.Contains(labels, l => MinutesLabel().IsMatch(l));
        Assert.Contains(labels, l => Regex.IsMatch(l, "^13h[0-9]{2}m"));
        await PortalServer.ScreenshotAsync(page, "20-skymap-cone-fitted");

        // All sky: the cluster shrinks back to a dot and the grid to 30° steps.
        await page.GetByRole(AriaRole.Button, new() { Name = "All sky", Exact = true }).ClickAsync();
        await Expect(page.Locator(".map-fov")).ToContainTextAsync("(all sky)");
        Assert.True((await PointSpreadAsync(page))[0] < 0.05);
        labels = await page.Locator("svg.skymap .grid-label").AllTextContentsAsync();
        Assert.Contains("6h", labels);
        Assert.DoesNotContain(labels, l => MinutesLabel().IsMatch(l));
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task Buttons_keys_wheel_and_drag_zoom_and_pan_and_points_still_open_their_object()
    {
        var page = await OpenMapAsync(server, Cone);
        var fitted = await FieldAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Zoom out", Exact = true }).ClickAsync();
        Assert.Equal(2 * fitted, await FieldAsync(page), 1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoom in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoom in", Exact = true }).ClickAsync();
        Assert.Equal(fitted / 2, await FieldAsync(page), 1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Fit results", Exact = true }).ClickAsync();
        Assert.Equal(fitted, await FieldAsync(page), 6);

        // Keyboard: the map takes focus; − zooms out, + in, arrows pan (the points move the other way), 0 fits again.
        await page.Locator("svg.skymap").FocusAsync();
        await page.Keyboard.PressAsync("Minus");
        Assert.Equal(2 * fitted, await FieldAsync(page), 1);
        await page.Keyboard.PressAsync("Equal");
        var before = await PointSpreadAsync(page);
        await page.Keyboard.PressAsync("ArrowLeft");
        var after = await PointSpreadAsync(page);
        Assert.True(after[2] > before[2] + 0.1, $"ArrowLeft shows more sky to the left: the points moved right ({before[2]:F2} → {after[2]:F2})");
        await page.Keyboard.PressAsync("0");
        Assert.Equal(fitted, await FieldAsync(page), 6);

        // Wheel over the map zooms in about the cursor.
        var box = (await page.Locator("svg.skymap").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.WheelAsync(0, -200);
        await page.WaitForFunctionAsync($"() => Number(document.querySelector('svg.skymap').dataset.fieldDeg) < {(fitted * 0.8).ToString(CultureInfo.InvariantCulture)}");

        // A drag pans without opening anything.
        await page.Keyboard.PressAsync("0");
        before = await PointSpreadAsync(page);
        var start = await page.Locator("svg.skymap a.sky-point circle").First.BoundingBoxAsync();
        await page.Mouse.MoveAsync(start!.X + 2, start.Y + 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(start.X + 60, start.Y + 2, new() { Steps = 6 });
        await page.Mouse.MoveAsync(start.X + 120, start.Y + 2, new() { Steps = 6 });
        await page.Mouse.UpAsync();
        after = await PointSpreadAsync(page);
        Assert.True(after[2] > before[2] + 0.05, $"dragging right moves the points right ({before[2]:F2} → {after[2]:F2})");
        Assert.Contains("view=map", page.Url);

        // Zoomed in, a point still opens its object.
        var point = page.Locator("svg.skymap a.sky-point").First;
        var id = await point.GetAttributeAsync("data-object-id");
        await page.Keyboard.PressAsync("0");
        await point.ClickAsync();
        await Expect(page.Locator("#object-title")).ToHaveTextAsync(id!);
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task The_survey_image_is_off_by_default_and_loads_from_CDS_when_chosen()
    {
        var page = await OpenMapAsync(server, Cone);
        var requests = new List<string>();
        // No network in tests: CDS's answer is a stand-in PNG. What matters is the request and that the CSP lets it in.
        await page.RouteAsync("https://alasky.cds.unistra.fr/**", async route =>
        {
            requests.Add(route.Request.Url);
            await route.FulfillAsync(new() { Status = 200, ContentType = "image/png", BodyBytes = Convert.FromBase64String(OnePixelPng) });
        });
        Assert.Null(await page.Locator("svg.skymap image.survey-image").GetAttributeAsync("href"));
        await page.GetByLabel("Survey image background").SelectOptionAsync("CDS/P/DSS2/color");
        await Expect(page.Locator(".survey-note")).ToContainTextAsync("Survey image: DSS2 colour");
        var url = new Uri(Assert.Single(requests.Distinct()));
        Assert.Equal("/hips-image-services/hips2fits", url.AbsolutePath);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("CDS/P/DSS2/color", query["hips"]);
        Assert.Contains("\"CTYPE1\":\"RA---MOL\"", query["wcs"]);

        await page.GetByLabel("Survey image background").SelectOptionAsync(new SelectOptionValue { Label = "No survey image" });
        await Expect(page.Locator("svg.skymap image.survey-image")).Not.ToHaveAttributeAsync("href", new Regex("."));
        Assert.Empty(server.PageErrors[page]);
    }

    private const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    [GeneratedRegex("[0-9]+°[0-9]{2}′")]
    private static partial Regex MinutesLabel();
}
