using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FinkTom.Bench.OData;
using FinkTom.Core.Query;
using FinkTom.Server.Hosting;
using FinkTom.Store.Sqlite;

// OData feed benchmark. Usage: dotnet run -c Release --project bench/OData -- [--alerts N] [--data DIR]
// 1. pages through the sample alerts (a fresh store, as `finktom serve` makes it on first start);
// 2. fills DIR/finktom.db with N synthetic full-width alerts (kept for later runs), then pages through the whole
//    Alerts feed (every column, then four columns) and the Objects feed, reporting rows/s and the process memory.
var alerts = IntOption("--alerts", 1_000_000);
var data = Option("--data") ?? Path.Combine(Path.GetTempPath(), "finktom-odata-bench");
Directory.CreateDirectory(data);
Console.WriteLine($"OData feed benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}");

// 1. The sample alerts.
var samples = Path.Combine(data, "samples");
if (Directory.Exists(samples))
    Directory.Delete(samples, recursive: true);
await using (var server = await Server.StartAsync(Path.Combine(samples, "finktom.db"), ingestSamples: true))
{
    foreach (var pageSize in new[] { 100, 1000 })
    {
        var run = await Pager.ReadAllAsync(server.Client, "Alerts", pageSize);
        Console.WriteLine($"samples: {run.Rows} alerts in {run.Pages} pages of {pageSize}: {run.Elapsed.TotalMilliseconds:F0} ms (first run includes warm-up)");
    }
}

// 2. A million alerts.
var database = Path.Combine(data, "finktom.db");
using (var store = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = database }))
{
    var have = await store.CountAsync(new AlertQuery());
    if (have < alerts)
    {
        Console.WriteLine($"writing {alerts - have:N0} synthetic alerts to {database} ...");
        var clock = Stopwatch.StartNew();
        foreach (var batch in SyntheticAlerts.Generate(alerts).Skip((int)have).Chunk(5000))
            await store.WriteAsync(batch);
        Console.WriteLine($"  {alerts - have:N0} alerts written in {clock.Elapsed.TotalSeconds:F0} s ({(alerts - have) / clock.Elapsed.TotalSeconds:N0}/s)");
    }
    Console.WriteLine($"store: {await store.CountAsync(new AlertQuery()):N0} alerts, {await store.CountObjectsAsync(new ObjectQuery()):N0} objects, {new FileInfo(database).Length / 1e9:F2} GB");
}
await using (var server = await Server.StartAsync(database, ingestSamples: false))
{
    foreach (var (title, query) in new[]
    {
        ("Alerts, every column (162)", "Alerts"),
        ("Alerts, 4 columns", "Alerts?$select=candid,objectId,jd,magpsf"),
        ("Alerts, 4 columns, newest first (keyset on jd)", "Alerts?$select=candid,objectId,jd,magpsf&$orderby=lastdate desc"),
        ("Objects, every column", "Objects"),
    })
    {
        var run = await Pager.ReadAllAsync(server.Client, query, 1000, report: true);
        Console.WriteLine($"{title}: {run.Rows:N0} rows, {run.Pages:N0} pages, {run.Elapsed.TotalSeconds:F1} s, {run.Rows / run.Elapsed.TotalSeconds:N0} rows/s, " +
                          $"{run.Bytes / 1e6 / run.Elapsed.TotalSeconds:F0} MB/s; managed heap {run.MinHeapMb:F0}-{run.MaxHeapMb:F0} MB, working set max {run.MaxWorkingSetMb:F0} MB");
    }
    // Sorted feeds page by offset: the cost of a page grows with its depth.
    foreach (var skip in new[] { 0, 500_000, 990_000 })
    {
        var clock = Stopwatch.StartNew();
        using var response = await server.Client.GetAsync($"odata/Alerts?$orderby=magpsf&$select=candid,magpsf&$top=1000&$skip={skip}");
        await response.Content.ReadAsByteArrayAsync();
        Console.WriteLine($"$orderby=magpsf, 1,000 rows at $skip={skip:N0}: {clock.Elapsed.TotalMilliseconds:F0} ms");
    }
}

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
int IntOption(string name, int fallback) => Option(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

/// <summary>The real server on a loopback port, with its store at the given path.</summary>
internal sealed class Server : IAsyncDisposable
{
    private readonly Microsoft.AspNetCore.Builder.WebApplication _app;

    private Server(Microsoft.AspNetCore.Builder.WebApplication app, HttpClient client) => (_app, Client) = (app, client);

    public HttpClient Client { get; }

    public static async Task<Server> StartAsync(string database, bool ingestSamples)
    {
        var app = FinkTomApp.Build(["--urls", "http://127.0.0.1:0", $"--Store:Sqlite:DatabasePath={database}",
            $"--Samples:IngestOnEmptyStore={ingestSamples}", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First() + "/"), Timeout = TimeSpan.FromMinutes(10) };
        for (var i = 0; i < 600 && JsonDocument.Parse(await client.GetStringAsync("health")).RootElement.GetProperty("alerts").GetInt64() == 0 && ingestSamples; i++)
            await Task.Delay(100); // first-start ingestion runs in the background
        return new Server(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Follows @odata.nextLink to the end, as Power Query does, and samples the process memory every 50 pages.</summary>
internal static class Pager
{
    public sealed record Run(long Rows, int Pages, long Bytes, TimeSpan Elapsed, double MinHeapMb, double MaxHeapMb, double MaxWorkingSetMb);

    public static async Task<Run> ReadAllAsync(HttpClient client, string query, int pageSize, bool report = false)
    {
        var clock = Stopwatch.StartNew();
        string? url = "odata/" + query;
        long rows = 0, bytes = 0;
        var pages = 0;
        double minHeap = double.MaxValue, maxHeap = 0, maxWorkingSet = 0;
        while (url is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Prefer", $"odata.maxpagesize={pageSize}");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync();
            bytes += body.Length;
            using var page = JsonDocument.Parse(body);
            rows += page.RootElement.GetProperty("value").GetArrayLength();
            url = page.RootElement.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
            if (++pages % 50 == 0)
            {
                var heap = GC.GetTotalMemory(forceFullCollection: false) / 1e6;
                (minHeap, maxHeap) = (Math.Min(minHeap, heap), Math.Max(maxHeap, heap));
                maxWorkingSet = Math.Max(maxWorkingSet, Environment.WorkingSet / 1e6);
                if (report && pages % 200 == 0)
                    Console.WriteLine($"  {rows:N0} rows, {clock.Elapsed.TotalSeconds:F0} s, heap {heap:F0} MB, working set {Environment.WorkingSet / 1e6:F0} MB");
            }
        }
        return new Run(rows, pages, bytes, clock.Elapsed, minHeap == double.MaxValue ? 0 : minHeap, maxHeap, maxWorkingSet);
    }
}
