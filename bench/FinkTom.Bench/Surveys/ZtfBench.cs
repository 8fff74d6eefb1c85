using System.Diagnostics;
using FinkTom.Bench.Measure;
using FinkTom.Bench.Synthetic;
using FinkTom.Bench.Targets;
using FinkTom.Core.Model;
using FinkTom.Ingest.Pipeline;
using FinkTom.Store.Sqlite;
using static FinkTom.Bench.BenchRun;

namespace FinkTom.Bench.Surveys;

/// <summary>The ZTF rows: ingest (store path, Avro files), queries in process, over HTTP and on PostgreSQL + q3c,
/// HTTP load and server memory.</summary>
public static class ZtfBench
{
    public static async Task RunAsync(BenchRun run)
    {
        var (options, report) = (run.Options, run.Report);
        var sky = new SyntheticSky(Path.Combine(options.RepoRoot, "samples"), options.Seed);
        var workload = new Workload(options.Seed) { Classes = sky.Classes.Where(c => c != "Unknown").Append("Unknown").ToList() };
        Log($"{sky.TemplateCount} ZTF template alerts; classes: {string.Join(", ", workload.Classes.Take(5))}");
        report.Section($"ZTF — {options.N:N0} alerts");

        // 1. The N-alert store, written in batches of 1,000 as the ingestion pipeline does (no cutouts).
        var storeDir = Path.Combine(run.Folder, "finktom");
        var storeOptions = new SqliteStoreOptions { DatabasePath = Path.Combine(storeDir, "finktom.db") };
        if (options.WriteCacheMiB is { } writeCache)
            storeOptions.WriteCacheSizeMiB = writeCache;
        if (options.QueriesOnly && ReusableStore(storeDir))
        {
            Log($"reusing the {options.N:N0}-alert store in {storeDir}; making the same alerts again for the query inputs");
            foreach (var alert in sky.Generate(options.N, withCutouts: false))
                workload.Observe(alert);
        }
        else
        {
            run.FreshFolder("finktom");
            await IngestStoreAsync(run, sky, storeOptions, storeDir, workload);
        }
        if (!options.QueriesOnly)
            await IngestSamplesAsync(run, sky);
        if (options.IngestOnly)
            return;
        await QueriesAsync(run, sky, storeOptions, storeDir, workload);
    }

    /// <summary>The N-alert store the queries ask; every alert is shown to <paramref name="workload"/>.</summary>
    private static async Task IngestStoreAsync(BenchRun run, SyntheticSky sky, SqliteStoreOptions storeOptions, string storeDir, Workload workload)
    {
        var (options, report) = (run.Options, run.Report);
        using (var store = new SqliteAlertStore(storeOptions))
        {
            Log($"ingesting {options.N:N0} synthetic alerts (no cutouts) into {storeOptions.DatabasePath}");
            var cpu = Cpu();
            var watch = Stopwatch.StartNew();
            var batch = new List<Alert>(1000);
            long done = 0;
            foreach (var alert in sky.Generate(options.N, withCutouts: false))
            {
                workload.Observe(alert);
                batch.Add(alert);
                if (batch.Count == 1000)
                {
                    await store.WriteAsync(batch);
                    batch = new List<Alert>(1000);
                    if ((done += 1000) % 1_000_000 == 0)
                        Log($"  {done:N0} alerts, {done / watch.Elapsed.TotalSeconds:N0}/s");
                }
            }
            await store.WriteAsync(batch);
            var ingestRate = options.N / watch.Elapsed.TotalSeconds;
            var bytes = Machine.FolderBytes(storeDir);
            report.Row("ingest, synthetic alerts → store (no cutouts)", $"{Rate(ingestRate)} alerts/s; {bytes / watch.Elapsed.TotalSeconds / 1e6:F0} MB/s written; {CpuPerThousand(cpu, options.N)}", "", "", "", "", "≥ 10,000 alerts/s");
            report.Row("store size on disk", $"{bytes / 1e9:F2} GB = {bytes / 1e9 / (options.N / 1e6):F2} GB per million alerts (history included)");
        }
        MarkComplete(storeDir);
    }

    /// <summary>Ingest with cutouts and from Avro files, into stores of their own.</summary>
    private static async Task IngestSamplesAsync(BenchRun run, SyntheticSky sky)
    {
        var (options, report) = (run.Options, run.Report);
        // 2. With cutouts (a sample: stamps are ~10 kB per alert).
        var withCutouts = (int)Math.Min(options.N, options.AvroAlerts);
        var cutoutDir = run.FreshFolder("finktom-cutouts");
        using (var store = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = Path.Combine(cutoutDir, "finktom.db") }))
        {
            Log($"ingesting {withCutouts:N0} synthetic alerts with cutouts");
            var cpu = Cpu();
            var watch = Stopwatch.StartNew();
            foreach (var chunk in sky.Generate(withCutouts, withCutouts: true).Chunk(1000))
                await store.WriteAsync(chunk);
            var seconds = watch.Elapsed.TotalSeconds;
            report.Row("ingest, synthetic alerts → store (with cutouts)", $"{Rate(withCutouts / seconds)} alerts/s; {Machine.FolderBytes(cutoutDir) / seconds / 1e6:F0} MB/s written; {CpuPerThousand(cpu, withCutouts)} ({withCutouts:N0} alerts)");
        }

        // 3. The whole path from Avro files (decode + store), with and without cutouts.
        var template = Path.Combine(options.RepoRoot, "samples", "fink", "fink-client_datatransfer_ztf", "part-3-305711.avro");
        foreach (var cutouts in new[] { false, true })
        {
            var files = SyntheticAvroFiles.Write(template, Path.Combine(options.WorkDir, $"avro-{options.AvroAlerts}-{(cutouts ? "cutouts" : "nocutouts")}"), options.AvroAlerts, cutouts, options.Seed);
            var dir = run.FreshFolder($"avro-ingest-{cutouts}");
            using var store = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = Path.Combine(dir, "finktom.db") });
            Log($"ingesting {options.AvroAlerts:N0} alerts from {files.Count} Avro files ({(cutouts ? "with" : "without")} cutouts)");
            var cpu = Cpu();
            var result = await new AlertIngestionPipeline(store).IngestAsync(files);
            var cpuText = CpuPerThousand(cpu, result.Stored);
            var inputBytes = files.Sum(f => new FileInfo(f).Length);
            report.Row($"ingest, Avro files → store ({(cutouts ? "with" : "no")} cutouts)",
                $"{Rate(result.AlertsPerSecond)} alerts/s ({result.Stored:N0} stored, {inputBytes / result.Elapsed.TotalSeconds / 1e6:F0} MB/s of Avro read; {cpuText})", "", "", "", "", cutouts ? "" : "≥ 10,000 alerts/s");
        }

    }

    private static async Task QueriesAsync(BenchRun run, SyntheticSky sky, SqliteStoreOptions storeOptions, string storeDir, Workload workload)
    {
        var (options, report) = (run.Options, run.Report);
        // 4. Query latencies: in process, over HTTP, and on PostgreSQL + q3c.
        async Task<Dictionary<string, LatencyResult>> Latencies(IQueryTarget target)
        {
            Log($"timing queries on {target.Name}");
            var n = options.Repetitions;
            return new Dictionary<string, LatencyResult>
            {
                ["object"] = await LatencyResult.MeasureAsync("object", n, i => target.ObjectAsync(workload.ObjectId(i)), target.ServerCpu),
                ["cone5"] = await LatencyResult.MeasureAsync("cone 5\"", n, i => target.ConeAsync(workload.ConeCentre(i).Ra, workload.ConeCentre(i).Dec, 5), target.ServerCpu),
                ["cone60"] = await LatencyResult.MeasureAsync("cone 60\"", n, i => target.ConeAsync(workload.ConeCentre(i).Ra, workload.ConeCentre(i).Dec, 60), target.ServerCpu),
                ["cone1deg"] = await LatencyResult.MeasureAsync("cone 1°", Math.Max(20, n / 5), i => target.ConeAsync(workload.ConeCentre(i).Ra, workload.ConeCentre(i).Dec, 3600), target.ServerCpu),
                ["class"] = await LatencyResult.MeasureAsync("latest 100 of a class", n, i => target.LatestOfClassAsync(workload.Class(i)), target.ServerCpu),
                ["date"] = await LatencyResult.MeasureAsync("date window", Math.Max(20, n / 5), i => target.DateWindowAsync(workload.Jd(i)), target.ServerCpu),
                ["page"] = await LatencyResult.MeasureAsync("page of 1,000", Math.Max(20, n / 10), i => target.PageAsync(workload.Jd(i)), target.ServerCpu),
            };
        }

        Dictionary<string, LatencyResult> inProcess;
        using (var store = new SqliteAlertStore(storeOptions))
            inProcess = await Latencies(new FinkTomStoreTarget(store));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        Dictionary<string, LatencyResult>? http = null;
        if (options.ServerPath is { } server)
        {
            await using var target = await FinkTomHttpTarget.StartAsync(server, storeDir);
            http = await Latencies(target);
            foreach (var concurrency in new[] { 1, 16 })
            {
                Log($"HTTP load: object lookups, {concurrency} clients, {options.LoadDuration.TotalSeconds} s");
                var (rps, errors, requests) = await target.LoadAsync(workload.ObjectId, concurrency, options.LoadDuration);
                report.Row($"HTTP object lookups, {concurrency} concurrent client(s)", "", $"{Rate(rps)} requests/s, {errors} errors of {requests:N0}", "", "", "", concurrency > 1 ? "≥ 10,000/s" : "");
            }
            report.Row("server memory after the load: peak resident (VmHWM) / private now (RssAnon)", "", $"{target.MemoryMiB("VmHWM"):F0} MiB / {target.MemoryMiB("RssAnon"):F0} MiB", "", "", "", "≤ 300 MB");
        }
        else
        {
            report.Note("HTTP measurements skipped (no --server given).");
        }

        Dictionary<string, LatencyResult>? postgres = null;
        if (!options.SkipPostgres && PostgresQ3cTarget.IsInstalled)
        {
            await using var pg = await PostgresQ3cTarget.StartAsync(Path.Combine(run.Folder, "postgres"), FreePort.Next());
            Log($"loading {options.N:N0} alerts into PostgreSQL (binary COPY)");
            var watch = Stopwatch.StartNew();
            await pg.LoadAsync(sky.Generate(options.N, withCutouts: false));
            var load = watch.Elapsed.TotalSeconds;
            watch.Restart();
            await pg.IndexAsync();
            var index = watch.Elapsed.TotalSeconds;
            report.Row("PostgreSQL load (COPY) + index build", "", "", $"{Rate(options.N / load)} alerts/s COPY, then {index:F0} s to index; {await pg.SizeBytesAsync() / 1e9:F2} GB");
            postgres = await Latencies(pg);
        }
        else
        {
            report.Note("PostgreSQL + q3c skipped (--skip-postgres, or postgresql-15 / postgresql-15-q3c not installed).");
        }

        var targets = new Dictionary<string, (string Label, string Target)>
        {
            ["object"] = ("object by id (all its alerts, all columns)", "p50 ≤ 2 ms"),
            ["cone5"] = ("cone 5″ (one row per object)", "p50 ≤ 2 ms"),
            ["cone60"] = ("cone 60″", ""),
            ["cone1deg"] = ("cone 1°", "p50 ≤ 50 ms"),
            ["class"] = ("latest 100 of a class (all columns)", "≤ 5 ms"),
            ["date"] = ("date window, 1 hour (latest per object, ≤ 1,000)", ""),
            ["page"] = ("page of 1,000 alerts, all columns (HTTP: an OData page)", ""),
        };
        foreach (var (key, (label, goal)) in targets)
            report.Latency(label, inProcess[key], http?[key], postgres?[key], goal);
        report.Note("Latencies: p50 / p95 / p99 over distinct random inputs taken from the stored alerts, after a warm-up; rows = mean rows returned.");
        report.Note("The HTTP client runs on the same machine as the server (2 cores): HTTP figures include the client's own work.");
        report.Note("CPU ms per query: user + system CPU time over the timed calls, divided by their number — in process: the benchmark process; " +
            "HTTP: the server process plus the benchmark process (the client parsing the answer); q3c: PostgreSQL's postmaster and backends plus the benchmark process (Npgsql reading every value).");
        report.Note("Page of 1,000: in process and on PostgreSQL, 1,000 alerts in time order from a date; over HTTP, the same as an OData request (`/odata/Alerts?$filter=jd ge X&$orderby=jd&$top=1000`). bench/OData pages through whole feeds.");
    }
}
