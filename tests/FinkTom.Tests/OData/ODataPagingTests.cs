using FinkTom.Core.Model;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.OData;

/// <summary>Server-driven paging as Power Query's OData.Feed uses it: follow @odata.nextLink until it is absent.</summary>
[Collection(ApiCollection.Name)]
public sealed class ODataPagingTests(FinkTomFactory factory)
{
    private readonly ODataReaderClient _client = new(factory.CreateClient());

    [Fact]
    public async Task Paging_through_all_alerts_gives_each_stored_alert_exactly_once()
    {
        var stored = await factory.AllAlertsAsync();
        _client.Headers["Prefer"] = "odata.maxpagesize=37";

        var (entities, pages, _) = await _client.ReadAllAsync("Alerts?$select=candid,objectId,jd", "Alerts");

        Assert.Equal(stored.Count, entities.Count);
        Assert.Equal((stored.Count + 36) / 37, pages);
        Assert.Equal(stored.Select(a => a.Candid.ToString()).Order(), entities.Select(e => (string)e["candid"]!).Order());
        var byCandid = stored.ToDictionary(a => a.Candid.ToString());
        Assert.All(entities, e => Assert.Equal(byCandid[(string)e["candid"]!].Jd, (double)e["jd"]!));
    }

    [Fact]
    public async Task Paging_a_sorted_feed_keeps_the_order_across_pages()
    {
        var stored = await factory.AllAlertsAsync();
        _client.Headers["Prefer"] = "odata.maxpagesize=50";

        var (entities, pages, _) = await _client.ReadAllAsync("Alerts?$select=candid,magpsf&$orderby=magpsf desc", "Alerts");

        Assert.True(pages > 1);
        Assert.Equal(stored.Count, entities.Select(e => e["candid"]).Distinct().Count());
        var magnitudes = entities.Select(e => (double)e["magpsf"]!).ToList();
        Assert.Equal(magnitudes.OrderDescending(), magnitudes);
    }

    [Theory]
    [InlineData("Alerts", "lastdate desc", "jd")]
    [InlineData("Alerts", "jd", "jd")]
    [InlineData("Alerts", "dec desc", "dec")]
    [InlineData("Objects", "lastdate desc", "lastjd")]
    [InlineData("Objects", "nalerts desc", "nalerts")]
    public async Task Paging_sorted_on_an_indexed_column_walks_by_keyset_with_ties_broken_by_key(string set, string orderBy, string valueProperty)
    {
        var stored = await factory.AllAlertsAsync();
        var expected = set == "Alerts" ? stored.Count : stored.Select(a => a.ObjectId).Distinct().Count();
        _client.Headers["Prefer"] = "odata.maxpagesize=13";

        var (entities, pages, _) = await _client.ReadAllAsync($"{set}?$orderby={orderBy}", set);

        var key = set == "Alerts" ? "candid" : "objectId";
        Assert.Equal(expected, entities.Select(e => e[key]).Distinct().Count());
        Assert.Equal(expected, entities.Count);
        Assert.True(pages > 10);
        var values = entities.Select(e => Convert.ToDouble(e[valueProperty])).ToList();
        Assert.Equal(orderBy.EndsWith(" desc") ? values.OrderDescending() : values.Order(), values);
        // Ties (several alerts of one exposure share a jd) come in key order, in the sort's direction, as the store
        // sorts them (SortKey.TieBreakDescending).
        var descending = orderBy.EndsWith(" desc");
        foreach (var tie in entities.GroupBy(e => Convert.ToDouble(e[valueProperty])).Where(g => g.Count() > 1))
        {
            var keys = tie.Select(e => (string)e[key]!).ToList();
            var ordered = set == "Alerts" ? keys.OrderBy(long.Parse).ToList() : keys.Order(StringComparer.Ordinal).ToList();
            if (descending)
                ordered.Reverse();
            Assert.Equal(ordered, keys);
        }
    }

    [Fact]
    public async Task Next_links_keep_every_option_and_custom_parameter_of_the_request()
    {
        _client.Headers["Prefer"] = "odata.maxpagesize=5";

        var page = await _client.ReadPageAsync(new Uri(_client.ServiceRoot, "Alerts?$select=candid,fid&$filter=fid eq 1&$count=true&apikey=abc"), "Alerts");

        var next = Uri.UnescapeDataString(page.NextLink!.Query);
        Assert.Contains("$select=candid,fid", next);
        Assert.Contains("$filter=fid eq 1", next);
        Assert.Contains("$count=true", next);
        Assert.Contains("apikey=abc", next);
        Assert.Contains("$skiptoken=", next);
    }

    [Fact]
    public async Task Top_larger_than_a_page_delivers_exactly_top_rows_then_stops()
    {
        _client.Headers["Prefer"] = "odata.maxpagesize=37";

        var (entities, pages, _) = await _client.ReadAllAsync("Alerts?$top=100&$select=candid", "Alerts");

        Assert.Equal(100, entities.Count);
        Assert.Equal(3, pages);
        Assert.Equal(100, entities.Select(e => e["candid"]).Distinct().Count());
    }

    [Fact]
    public async Task Skip_then_paging_continues_after_the_skipped_rows()
    {
        var stored = (await factory.AllAlertsAsync()).Select(a => a.Candid).Order().ToList();
        _client.Headers["Prefer"] = "odata.maxpagesize=40";

        var (entities, _, _) = await _client.ReadAllAsync("Alerts?$skip=25&$select=candid", "Alerts");

        Assert.Equal(stored.Skip(25).Select(c => c.ToString()), entities.Select(e => (string)e["candid"]!));
    }

    [Fact]
    public async Task Count_is_the_number_of_matches_ignoring_top_and_paging()
    {
        var expected = (await factory.AllAlertsAsync()).Count(a => (int?)a["i:fid"] == 2);
        _client.Headers["Prefer"] = "odata.maxpagesize=30";

        var first = await _client.ReadPageAsync(new Uri(_client.ServiceRoot, "Alerts?$filter=fid eq 2&$count=true&$select=candid"), "Alerts");
        var second = await _client.ReadPageAsync(first.NextLink!, "Alerts");
        var (all, _, _) = await _client.ReadAllAsync("Alerts?$filter=fid eq 2&$count=true&$select=candid", "Alerts");
        var countSegment = await factory.CreateClient().GetStringAsync("/odata/Alerts/$count?$filter=fid eq 2");

        Assert.Equal(expected, first.Count);
        Assert.Equal(expected, second.Count);
        Assert.Equal(expected, all.Count);
        Assert.Equal(expected.ToString(), countSegment);
    }

    [Fact]
    public async Task Objects_feed_has_one_entity_per_object_summarising_its_alerts()
    {
        var stored = await factory.AllAlertsAsync();
        _client.Headers["Prefer"] = "odata.maxpagesize=60";

        var (objects, pages, count) = await _client.ReadAllAsync("Objects?$count=true", "Objects");

        var byObject = stored.GroupBy(a => a.ObjectId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.True(pages > 1);
        Assert.Equal(byObject.Count, count);
        Assert.Equal(byObject.Keys.Order(StringComparer.Ordinal), objects.Select(o => (string)o["objectId"]!));
        foreach (var o in objects)
        {
            var alerts = byObject[(string)o["objectId"]!];
            var latest = alerts.MaxBy(a => (a.Jd, a.Candid))!;
            Assert.Equal(alerts.Count, (int)o["nalerts"]!);
            Assert.Equal(latest.Jd, (double)o["lastjd"]!);
            Assert.Equal(latest.Candid.ToString(), o["lastcandid"]);
            Assert.Equal(latest["d:classification"], o["classification"]);
            Assert.Equal(alerts.Min(a => Math.Min((double?)a["i:jdstarthist"] ?? a.Jd, a.Jd)), (double)o["firstjd"]!);
            var lastDate = (DateTimeOffset)o["lastdate"]!;
            Assert.Equal(TimeSpan.Zero, lastDate.Offset);
            Assert.Equal(Core.Time.JulianDate.ToDateTime(latest.Jd), lastDate.UtcDateTime, TimeSpan.FromMilliseconds(1));
            var lastG = alerts.Where(a => (int?)a["i:fid"] == 1).MaxBy(a => a.Jd);
            Assert.Equal((double?)(float?)lastG?["i:magpsf"], o["lastmag_g"] is double g ? (double)(float)g : null);
        }
    }

    [Fact]
    public async Task Default_page_size_and_max_page_size_apply()
    {
        var stored = await factory.AllAlertsAsync();
        _client.Headers["Prefer"] = "odata.maxpagesize=1000000"; // above the 10,000 maximum: capped, so one page here

        var page = await _client.ReadPageAsync(new Uri(_client.ServiceRoot, "Alerts?$select=candid"), "Alerts");

        Assert.Equal(stored.Count, page.Entities.Count);
        Assert.Null(page.NextLink);
    }
}
