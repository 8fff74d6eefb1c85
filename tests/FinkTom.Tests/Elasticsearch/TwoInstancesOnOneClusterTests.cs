using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Livestream;
using FinkTom.Tests.Elasticsearch.StandIn;
using FinkTom.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinkTom.Tests.Elasticsearch;

/// <summary>
/// Two FinkTom servers, each with its own data folder, on one Elasticsearch cluster (the in-process STAND-IN: no
/// Elasticsearch can run here): a livestream filter created on one is listed, matched and deleted on the other, and
/// alerts ingested half on each — with an overlap, as a consumer-group rebalance redelivers — are stored once and
/// announced to livestreams once across both.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TwoInstancesOnOneClusterTests(FinkTomFactory samples) : IAsyncLifetime
{
    private const string Key = "cluster-test-key";
    private readonly TempDirectory _dataA = new();
    private readonly TempDirectory _dataB = new();
    private ElasticsearchStandIn _standIn = null!;
    private WebApplicationFactory<Program> _a = null!;
    private WebApplicationFactory<Program> _b = null!;

    public async ValueTask InitializeAsync()
    {
        _standIn = await ElasticsearchStandIn.StartAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(ElasticsearchStandIn.Notice);
        _a = Instance(_dataA);
        _b = Instance(_dataB);
        _ = (_a.Services, _b.Services); // both running, filters loaded, before either changes one
    }

    private WebApplicationFactory<Program> Instance(TempDirectory data) => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Testing");
        b.UseSetting("Data:Directory", data.Path);
        b.UseSetting("Store:Sqlite:DatabasePath", Path.Combine(data.Path, "finktom.db"));
        b.UseSetting("Store:Backend", "elasticsearch");
        b.UseSetting("Store:Elasticsearch:Url", _standIn.Url);
        b.UseSetting("Store:Elasticsearch:IndexPrefix", "pair");
        b.UseSetting("Store:Elasticsearch:Replicas", "0");
        b.UseSetting("Samples:IngestOnEmptyStore", "false");
        b.UseSetting("Livestream:ApiKeys:0", Key);
        b.UseSetting("Livestream:SharedFiltersRefreshSeconds", "0"); // read the cluster's filters on every use
    });

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _standIn.DisposeAsync();
        _dataA.Dispose();
        _dataB.Dispose();
    }

    private static HttpClient WithKey(WebApplicationFactory<Program> instance)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    [Fact]
    public async Task A_filter_created_on_one_instance_is_listed_matched_and_deleted_on_the_other()
    {
        var alerts = await samples.AllAlertsAsync();
        var bright = alerts.Where(a => a["i:magpsf"] is { } m && Convert.ToDouble(m, System.Globalization.CultureInfo.InvariantCulture) < 17).ToList();
        Assert.NotEmpty(bright);
        Assert.NotEqual(alerts.Count, bright.Count);

        var created = await WithKey(_a).PostAsJsonAsync("/livestream/filters", new { name = "bright_pair", filter = "magpsf lt 17" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var seenOnB = await _b.CreateClient().GetFromJsonAsync<JsonElement>("/livestream/filters/bright_pair");
        Assert.Equal("magpsf lt 17", seenOnB.GetProperty("filter").GetString());
        // The name is taken across the cluster: B cannot create it again.
        Assert.Equal(HttpStatusCode.Conflict, (await WithKey(_b).PostAsJsonAsync("/livestream/filters", new { name = "bright_pair", filter = "magpsf lt 15" })).StatusCode);

        // Alerts ingested on B are matched by A's filter on B.
        using (var subscription = _b.Services.GetRequiredService<AlertSubscriptions>().Subscribe("bright_pair"))
        {
            await _b.Services.GetRequiredService<IAlertWriter>().WriteAsync(alerts, TestContext.Current.CancellationToken);
            Assert.Equal(bright.Select(a => a.Candid).Order(), Drain(subscription).Select(a => a.Candid).Order());
        }

        Assert.Equal(HttpStatusCode.NoContent, (await WithKey(_b).DeleteAsync("/livestream/filters/bright_pair")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _a.CreateClient().GetAsync("/livestream/filters/bright_pair")).StatusCode);
        Assert.DoesNotContain(await _a.CreateClient().GetFromJsonAsync<JsonElement[]>("/livestream/filters") ?? [],
            f => f.GetProperty("name").GetString() == "bright_pair");
    }

    [Fact]
    public async Task Ingest_split_between_two_instances_stores_and_announces_every_alert_once()
    {
        var alerts = await samples.AllAlertsAsync();
        var created = await WithKey(_a).PostAsJsonAsync("/livestream/filters", new { name = "all_pair", filter = "magpsf gt 0" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // A takes the first 60 %, B the last 60 %: the middle fifth reaches both, as after a rebalance of the consumer group.
        var toA = alerts.Take(alerts.Count * 6 / 10).ToList();
        var toB = alerts.Skip(alerts.Count * 4 / 10).ToList();
        Assert.NotEmpty(toA.Intersect(toB));

        using var onA = _a.Services.GetRequiredService<AlertSubscriptions>().Subscribe("all_pair");
        using var onB = _b.Services.GetRequiredService<AlertSubscriptions>().Subscribe("all_pair");
        var ct = TestContext.Current.CancellationToken;
        var writtenA = _a.Services.GetRequiredService<IAlertWriter>().WriteAsync(toA, ct);
        var writtenB = _b.Services.GetRequiredService<IAlertWriter>().WriteAsync(toB, ct);
        var results = await Task.WhenAll(writtenA, writtenB);

        Assert.Equal(alerts.Count, results.Sum(r => r.Stored));
        var announced = Drain(onA).Concat(Drain(onB)).Select(a => a.Candid).ToList();
        Assert.Equal(alerts.Select(a => a.Candid).Order(), announced.Order()); // each once, none missing
        // Both instances read the one cluster: each counts every alert.
        foreach (var instance in new[] { _a, _b })
        {
            using var health = JsonDocument.Parse(await instance.CreateClient().GetStringAsync("/health", ct));
            Assert.Equal(alerts.Count, health.RootElement.GetProperty("alerts").GetInt64());
        }
        Assert.Equal(alerts.Count, await CountAsync(_b, ct));
    }

    private static async Task<long> CountAsync(WebApplicationFactory<Program> instance, CancellationToken ct) =>
        await instance.Services.GetRequiredService<IAlertReader>().CountAsync(new AlertQuery(), ct);

    private static List<Alert> Drain(AlertSubscriptions.Subscription subscription)
    {
        var alerts = new List<Alert>();
        while (subscription.Alerts.TryRead(out var next))
            alerts.Add(next.Alert);
        return alerts;
    }
}
