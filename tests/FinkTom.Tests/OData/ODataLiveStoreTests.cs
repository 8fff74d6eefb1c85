using FinkTom.Core.Store;
using FinkTom.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FinkTom.Tests.OData;

/// <summary>Paging while alerts keep arriving, on a store of its own (the shared sample store must not change).</summary>
public sealed class ODataLiveStoreTests : IDisposable
{
    private readonly SecuredFeedFactory _factory = new();

    [Theory]
    [InlineData("Alerts?$select=candid")]
    [InlineData("Alerts?$select=candid&$orderby=lastdate desc")]
    public async Task Keyset_paging_neither_repeats_nor_skips_rows_when_alerts_arrive_between_pages(string url)
    {
        var store = _factory.Services.GetRequiredService<IAlertWriter>();
        var first = Enumerable.Range(0, 100).Select(i => TestAlerts.Make(1000 + i, $"ZTF24live{i:D3}", 2460000.5 + i, 10, 10)).ToList();
        await store.WriteAsync(first);
        var client = new ODataReaderClient(_factory.CreateClient());
        client.Headers["Prefer"] = "odata.maxpagesize=30";

        var page = await client.ReadPageAsync(new Uri(client.ServiceRoot, url), "Alerts");
        // Between pages: one alert sorting before the rows already read, one after all of them.
        var early = TestAlerts.Make(500, "ZTF24early", url.Contains("desc") ? 2461000.5 : 2459000.5, 10, 10);
        var late = TestAlerts.Make(5000, "ZTF24late", url.Contains("desc") ? 2450000.5 : 2461000.5, 10, 10);
        await store.WriteAsync([early, late]);
        var rows = page.Entities.Select(e => (string)e["candid"]!).ToList();
        for (var next = page.NextLink; next is not null; next = page.NextLink)
        {
            page = await client.ReadPageAsync(next, "Alerts");
            rows.AddRange(page.Entities.Select(e => (string)e["candid"]!));
        }

        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Equal(first.Select(a => a.Candid.ToString()).Append("5000").Order(), rows.Where(r => r != "500").Order());
    }

    public void Dispose() => _factory.Dispose();
}
