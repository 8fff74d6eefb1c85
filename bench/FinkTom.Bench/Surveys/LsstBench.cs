using System.Diagnostics;
using FinkTom.Bench.Measure;
using FinkTom.Bench.Synthetic;
using FinkTom.Bench.Targets;
using FinkTom.Core.Model;
using FinkTom.Core.Surveys;
using FinkTom.Ingest.Pipeline;
using FinkTom.Store.Sqlite;
using static FinkTom.Bench.BenchRun;

namespace FinkTom.Bench.Surveys;

/// <summary>The Rubin/LSST rows: ingest into the LSST store (store path, Avro files) and Fink's LSST API queries in
/// process and over HTTP. Rates are also given as multiples of Rubin's own.</summary>
public static class LsstBench
{
    /// <summary>Rubin's alert rate: ~10,000 alerts per 30-second visit.</summary>
    public const double RubinAlertsPerSecond = 10_000 / 30.0;

    /// <summary>At most this many alerts with cutouts (~115 kB of stamps each, 12 GB per 100,000).</summary>
    public const int MaxCutoutAlerts = 20_000;

    public static async Task RunAsync(BenchRun run)
    {
        var (options, report) = (run.Options, run.Report);
        var sample = Path.Combine(options.RepoRoot, "samples", "lsst", "fink-client_datatransfer_lsst", "part-2-918301.avro");
        var sky = new SyntheticRubin(sample, options.Seed);
        var workload = new Workload(options.Seed);
        Log($"{sky.TemplateCount} Rubin template alerts");
        report.Section($"Rubin/LSST — {options.N:N0} alerts");

        // 1. The N-alert store, in batches of 1,000 as the pipeline writes (no cutouts).
        var storeDir = Path.Combine(run.Folder, "lsst");
        var storeOptions = new SqliteStoreOptions { DatabasePath = Path.Combine(storeDir, "finktom.db") };
        if (options.WriteCacheMiB is { } writeCache)
            storeOptions.WriteCacheSizeMiB = writeCache;
        if (options.QueriesOnly && ReusableStore(storeDir))
        {
            Log($"reusing the {options.N:N0}-alert LSST store in {storeDir}; making the same alerts again for the query inputs");
            foreach (var alert in sky.Generate(options.N, withCutouts: false))
                workload.Observe(alert);
        }
        else
        {
            run.FreshFolder("lsst");
            await IngestStoreAsync(run, sky, storeOptions, storeDir, workload);
        }
        if (!options.QueriesOnly)
            await IngestSamplesAsync(run, sky, sample);
        if (options.IngestOnly)
            return;
        await QueriesAsync(run, storeOptions, storeDir, workload);
    }

    /// <summary>The N-alert store the queries ask; every alert is shown to <paramref name="workload"/>.</summary>
    private static async Task IngestStoreAsync(BenchRun run, SyntheticRubin sky, SqliteStoreOptions storeOptions, string storeDir, Workload workload)
    {
        var (options, report) = (run.Options, run.Report);
        var mix = new RubinMix();
        using (var store = new SqliteAlertStore(storeOptions, Survey.Lsst))
        {
            Log($"ingesting {options.N:N0} synthetic Rubin alerts (no cutouts) into {storeOptions.DatabasePath}");
            var (seconds, cpu) = await IngestAsync(store, sky.Generate(options.N, withCutouts: false), alert =>
            {
                workload.Observe(alert);
                mix.Add(alert);
            });
            var bytes = Machine.FolderBytes(storeDir);
            report.Row("ingest, synthetic alerts → LSST store (no cutouts)", $"{Times(options.N / seconds)}; {bytes / seconds / 1e6:F0} MB/s written; {cpu}", "", "", "", "", Target);
            report.Row("LSST store size on disk", $"{bytes / 1e9:F2} GB = {bytes / 1e9 / (options.N / 1e6):F2} GB per million alerts (forced photometry included)");
        }
        report.Note(mix.ToString());
        MarkComplete(storeDir);
    }

    /// <summary>Ingest with cutouts and from Fink Data Transfer files, into stores of their own.</summary>
    private static async Task IngestSamplesAsync(BenchRun run, SyntheticRubin sky, string sample)
    {
        var (options, report) = (run.Options, run.Report);

        // 2. With cutouts (a sample: Rubin's stamps are ~115 kB per alert).
        var withCutouts = (int)Math.Min(Math.Min(options.N, options.AvroAlerts), MaxCutoutAlerts);
        var cutoutDir = run.FreshFolder("lsst-cutouts");
        using (var store = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = Path.Combine(cutoutDir, "finktom.db") }, Survey.Lsst))
        {
            Log($"ingesting {withCutouts:N0} synthetic Rubin alerts with cutouts");
            var (seconds, cpu) = await IngestAsync(store, sky.Generate(withCutouts, withCutouts: true), _ => { });
            report.Row("ingest, synthetic alerts → LSST store (with cutouts)", $"{Times(withCutouts / seconds)}; {Machine.FolderBytes(cutoutDir) / seconds / 1e6:F0} MB/s written; {cpu} ({withCutouts:N0} alerts)", "", "", "", "", Target);
        }

        // 3. The whole path from Fink Data Transfer files (decode + store), through the real pipeline.
        foreach (var cutouts in new[] { false, true })
        {
            var count = cutouts ? withCutouts : options.AvroAlerts;
            var folder = Path.Combine(options.WorkDir, $"lsst-avro-{count}-{(cutouts ? "cutouts" : "nocutouts")}-seed{options.Seed}");
            Log($"writing {count:N0} synthetic Rubin alerts as Avro files in {folder}");
            var files = SyntheticRubinAvroFiles.Write(sky, sample, folder, count, cutouts);
            var dir = run.FreshFolder($"lsst-avro-ingest-{cutouts}");
            using var store = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = Path.Combine(dir, "finktom.db") }, Survey.Lsst);
            Log($"ingesting {count:N0} Rubin alerts from {files.Count} Avro files ({(cutouts ? "with" : "without")} cutouts)");
            var cpu = Cpu();
            var result = await new AlertIngestionPipeline(store).IngestAsync(files);
            var cpuText = CpuPerThousand(cpu, result.Stored);
            var inputBytes = files.Sum(f => new FileInfo(f).Length);
            report.Row($"ingest, Avro files → LSST store ({(cutouts ? "with" : "no")} cutouts)",
                $"{Times(result.AlertsPerSecond)} ({result.Stored:N0} stored, {inputBytes / result.Elapsed.TotalSeconds / 1e6:F0} MB/s of Avro read; {cpuText})", "", "", "", "", Target);
        }

    }

    private static async Task QueriesAsync(BenchRun run, SqliteStoreOptions storeOptions, string storeDir, Workload workload)
    {
        var (options, report) = (run.Options, run.Report);
        // 4. Fink's LSST API questions: in process, then over HTTP.
        async Task<Dictionary<string, LatencyResult>> Latencies(ILsstQueryTarget target)
        {
            Log($"timing queries on {target.Name}");
            var n = options.Repetitions;
            return new Dictionary<string, LatencyResult>
            {
                ["sources"] = await LatencyResult.MeasureAsync("sources", n, i => target.SourcesAsync(workload.ObjectId(i)), target.ServerCpu),
                ["cone5"] = await LatencyResult.MeasureAsync("cone 5\"", n, i => target.ConeAsync(workload.ConeCentre(i).Ra, workload.ConeCentre(i).Dec, 5), target.ServerCpu),
                ["cone1deg"] = await LatencyResult.MeasureAsync("cone 1°", Math.Max(20, n / 5), i => target.ConeAsync(workload.ConeCentre(i).Ra, workload.ConeCentre(i).Dec, 3600), target.ServerCpu),
                ["tags"] = await LatencyResult.MeasureAsync("tags", n, _ => target.TagAsync("in_tns", 100), target.ServerCpu),
            };
        }

        Dictionary<string, LatencyResult> inProcess;
        using (var store = new SqliteAlertStore(storeOptions, Survey.Lsst))
            inProcess = await Latencies(new LsstStoreTarget(store));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        Dictionary<string, LatencyResult>? http = null;
        if (options.ServerPath is { } server)
        {
            await using var target = await FinkTomHttpTarget.StartAsync(server, storeDir);
            http = await Latencies(new LsstHttpTarget(target));
        }

        report.Latency("`/sources` by diaObjectId (all its alerts, all columns)", inProcess["sources"], http?["sources"], null, "");
        report.Latency("`/conesearch` 5″ (one row per object)", inProcess["cone5"], http?["cone5"], null, "");
        report.Latency("`/conesearch` 1°", inProcess["cone1deg"], http?["cone1deg"], null, "");
        report.Latency("`/tags` in_tns, latest 100 (all columns)", inProcess["tags"], http?["tags"], null, "");
        report.Note("Rubin/LSST: the store-path rows include making the synthetic alerts and evaluating their tags, as the ZTF rows include making theirs; " +
            $"with cutouts, at most {MaxCutoutAlerts:N0} alerts. No PostgreSQL + q3c counterpart; `/tags` asks the same question each time (the 100 newest in_tns alerts).");
    }

    private const string Target = "Rubin: ~333 alerts/s";

    /// <summary>A rate and how many times Rubin's it is.</summary>
    private static string Times(double alertsPerSecond) =>
        $"{Rate(alertsPerSecond)} alerts/s = {alertsPerSecond / RubinAlertsPerSecond:F1}× Rubin's rate";

    /// <summary>Writes the alerts in batches of 1,000; returns the seconds taken and the CPU time per 1,000 alerts.</summary>
    private static async Task<(double Seconds, string Cpu)> IngestAsync(SqliteAlertStore store, IEnumerable<Alert> alerts, Action<Alert> observe)
    {
        var cpu = Cpu();
        var watch = Stopwatch.StartNew();
        long done = 0;
        foreach (var batch in alerts.Chunk(1000))
        {
            foreach (var alert in batch)
                observe(alert);
            await store.WriteAsync(batch);
            if ((done += batch.Length) % 1_000_000 == 0)
                Log($"  {done:N0} alerts, {done / watch.Elapsed.TotalSeconds:N0}/s");
        }
        return (watch.Elapsed.TotalSeconds, CpuPerThousand(cpu, done));
    }
}
