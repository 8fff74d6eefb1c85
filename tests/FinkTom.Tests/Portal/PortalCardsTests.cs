using System.Text.Json;
using FinkTom.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FinkTom.Tests.Portal;

/// <summary>Results as cards for triage (thumbnail light curve and cutout per object) and the table's column chooser.</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalCardsTests(PortalServer server)
{
    private const string Search = "class=\"SN candidate\"";

    private async Task<List<Dictionary<string, JsonElement>>> LatestsAsync(string columns)
    {
        using var api = server.Api();
        return await ApiJson.Records(await ApiJson.Post(api, "/api/v1/latests", new { @class = "SN candidate", n = 100, columns }));
    }

    [Fact]
    public async Task Cards_show_one_card_per_object_with_a_cutout_and_a_light_curve_loaded_when_seen()
    {
        var objects = (await LatestsAsync("i:objectId")).Select(r => r.Str("i:objectId")).Distinct().ToList();
        Assert.True(objects.Count > 20, "enough objects for cards below the fold");

        var page = await server.NewPageAsync(1280, 700);
        var lightCurveCalls = 0;
        page.Request += (_, r) => { if (r.Method == "POST" && r.Url.EndsWith("/api/v1/objects", StringComparison.Ordinal)) lightCurveCalls++; };
        await page.GotoAsync("/?q=" + Uri.EscapeDataString(Search));
        await page.GetByRole(AriaRole.Button, new() { Name = "Cards" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("view=cards"));
        var cards = page.Locator(".result-card");
        await Expect(cards).ToHaveCountAsync(objects.Count);
        Assert.Equal(objects, await page.Locator(".result-card .card-title").AllInnerTextsAsync());

        // The first card: its light curve with the alerts' history (as withupperlim gives it) — valid detections as dots,
        // bad-quality ones hollow, upper limits as triangles — and its Science cutout decoded.
        var first = cards.First;
        using var api = server.Api();
        var alerts = await ApiJson.Records(await ApiJson.Post(api, "/api/v1/objects", new { objectId = objects[0], columns = "i:jd" }));
        var history = await ApiJson.Records(await ApiJson.Post(api, "/api/v1/objects", new { objectId = objects[0], columns = "i:jd,i:magpsf,i:diffmaglim", withupperlim = true }));
        int Tagged(string tag) => history.Count(r => r.Str("d:tag") == tag);
        Assert.True(Tagged("upperlim") > 0 && Tagged("valid") > alerts.Count, "the first SN candidate's history has upper limits and earlier detections");
        await Expect(first.Locator("svg.sparkline circle.det")).ToHaveCountAsync(Tagged("valid"));
        await Expect(first.Locator("svg.sparkline circle.bad")).ToHaveCountAsync(Tagged("badquality"));
        await Expect(first.Locator("svg.sparkline path.ul")).ToHaveCountAsync(Tagged("upperlim"));
        await Expect(first.Locator("svg.sparkline")).ToHaveAttributeAsync("aria-label",
            $"Light curve of {objects[0]}: {Tagged("valid") + Tagged("badquality")} detections, {Tagged("upperlim")} upper limits");
        await Expect(first.Locator(".card-stamp img")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex($"objectId={objects[0]}&kind=Science"));
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.result-card .card-stamp img'); return i && i.complete && i.naturalWidth > 0; }");

        // Light curves are asked for the cards on screen only, several objects per call.
        var last = cards.Last;
        await Expect(last.Locator(".card-lc")).ToHaveAttributeAsync("aria-busy", "true");
        var loaded = await page.Locator("svg.sparkline").CountAsync();
        Assert.True(lightCurveCalls < loaded, $"{lightCurveCalls} /objects calls for {loaded} light curves");
        await last.ScrollIntoViewIfNeededAsync();
        await Expect(last.Locator("svg.sparkline")).ToHaveCountAsync(1);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Artifacts, "19-cards.png") }); // the first screenful

        await first.Locator(".card-title").ClickAsync();
        await Expect(page.Locator("#object-title")).ToHaveTextAsync(objects[0]);
        Assert.Empty(server.PageErrors[page]);
    }

    [Fact]
    public async Task Column_chooser_adds_columns_with_the_api_s_values_and_keeps_them_in_the_url()
    {
        var rows = (await LatestsAsync("i:objectId,i:candid,i:jd,i:rb,d:rf_snia_vs_nonia")).GroupBy(r => r.Str("i:objectId"))
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Num("i:jd"))!);

        var page = await server.NewPageAsync();
        await page.GotoAsync("/?q=" + Uri.EscapeDataString(Search));
        await Expect(page.Locator("table.results tbody tr")).ToHaveCountAsync(rows.Count);
        // The list comes from /api/v1/schema: one option per column of the i:, d: and v: sections.
        using var api = server.Api();
        using var schema = JsonDocument.Parse(await api.GetStringAsync("/api/v1/schema", TestContext.Current.CancellationToken));
        var columns = schema.RootElement.EnumerateObject().Where(s => !s.Name.Contains("(b:)")).Sum(s => s.Value.EnumerateObject().Count());
        var chooser = page.GetByLabel("Column to add");
        await Expect(chooser.Locator("option:not([value=''])")).ToHaveCountAsync(columns);

        await chooser.SelectOptionAsync("i:rb");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("cols=i%3Arb"));
        await page.GetByLabel("Column to add").SelectOptionAsync("d:rf_snia_vs_nonia");
        await Expect(page.Locator("table.results thead th")).ToContainTextAsync(["i:rb", "d:rf_snia_vs_nonia"]);

        async Task<Dictionary<string, string>> Column(string name)
        {
            var index = (await page.Locator("table.results thead th").AllInnerTextsAsync()).ToList().FindIndex(t => t.StartsWith(name, StringComparison.Ordinal));
            Assert.True(index >= 0, $"no column {name}");
            var cells = await page.Locator("table.results tbody tr").EvaluateAllAsync<string[][]>(
                $"trs => trs.map(tr => [tr.cells[0].innerText, tr.cells[{index}].title])");
            return cells.ToDictionary(c => c[0], c => c[1]);
        }
        foreach (var name in new[] { "i:rb", "d:rf_snia_vs_nonia" })
        {
            var shown = await Column(name);
            Assert.Equal(rows.Count, shown.Count);
            foreach (var (id, row) in rows)
                Assert.Equal(row[name].GetDouble(), double.Parse(shown[id], System.Globalization.CultureInfo.InvariantCulture), 12);
        }

        // Sorting by an added column, then a reload: the columns stay (they are in the URL).
        await page.Locator("table.results thead button.sort[data-key='i:rb']").ClickAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("table.results thead th")).ToContainTextAsync(["i:rb", "d:rf_snia_vs_nonia"]);
        var rb = (await Column("i:rb")).Values.ToList();
        var sorted = (await page.Locator("table.results tbody tr").EvaluateAllAsync<string[]>(
            "trs => trs.map(tr => [...tr.cells].find((c, i) => tr.closest('table').tHead.rows[0].cells[i].innerText.startsWith('i:rb')).title)")).Select(double.Parse).ToList();
        Assert.Equal(sorted.Order(), sorted);
        Assert.Equal(rb.Count, sorted.Count);

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove column i:rb" }).ClickAsync();
        await Expect(page.Locator("table.results thead th")).Not.ToContainTextAsync(["i:rb"]);
        Assert.Empty(server.PageErrors[page]);
    }

    [Theory]
    [InlineData("cards")]
    [InlineData("table")]
    public async Task Cards_and_the_column_chooser_fit_a_phone_screen(string view)
    {
        var page = await server.NewPageAsync(400, 844, phone: true);
        await page.GotoAsync($"/?q={Uri.EscapeDataString(Search)}&view={view}&cols=d:rf_snia_vs_nonia");
        await Expect(page.Locator(view == "cards" ? ".result-card svg.sparkline" : ".column-chooser select").First).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the {view} view is {overflow}px wider than the phone screen");
        if (view == "cards")
            await PortalServer.ScreenshotAsync(page, "20-cards-phone");
    }
}
