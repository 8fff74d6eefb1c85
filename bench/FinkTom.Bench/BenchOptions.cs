namespace FinkTom.Bench;

/// <summary>Command-line options of the benchmark.</summary>
public sealed record BenchOptions
{
    /// <summary>Alerts in the synthetic store.</summary>
    public long N { get; init; } = 1_000_000;

    /// <summary>Alerts written as Avro files to time the full file → store path (a sample of N: the files are big).</summary>
    public int AvroAlerts { get; init; } = 100_000;

    public int Seed { get; init; } = 2026;

    /// <summary>Where the stores and generated files go; reused between runs with the same N and seed.</summary>
    public string WorkDir { get; init; } = Path.Combine(Path.GetTempPath(), "finktom-bench");

    public string RepoRoot { get; init; } = ".";

    /// <summary>The built server executable (finktom) for the HTTP measurements; null skips them.</summary>
    public string? ServerPath { get; init; }

    public bool SkipPostgres { get; init; }

    /// <summary>Repetitions per query kind (latencies are over distinct random inputs).</summary>
    public int Repetitions { get; init; } = 300;

    public TimeSpan LoadDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>"ingest" times only the ingest paths (no queries, HTTP or PostgreSQL): for A/B runs of the write path.</summary>
    public string? Only { get; init; }

    public bool IngestOnly => Only == "ingest";

    /// <summary>"queries": the query rows alone, on the N-alert stores an earlier run left in the work folder (made
    /// once if missing): for A/B runs of the read path, two builds asking the same store in one session.</summary>
    public bool QueriesOnly => Only == "queries";

    /// <summary>Names what was measured in the report's title (default: the repository's commit).</summary>
    public string? Label { get; init; }

    /// <summary>Which surveys' rows to measure: "ztf", "lsst" or "both" (each with N alerts of its own).</summary>
    public string Survey { get; init; } = "both";

    public bool RunsZtf => Survey is "ztf" or "both";

    public bool RunsLsst => Survey is "lsst" or "both";

    /// <summary>The N-alert store's <c>WriteCacheSizeMiB</c> (null: the store's default).</summary>
    public int? WriteCacheMiB { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--quick" => o with { N = 100_000, AvroAlerts = 20_000, Repetitions = 100, LoadDuration = TimeSpan.FromSeconds(5) },
                "--n" => o with { N = long.Parse(Next().Replace("_", "").Replace(",", "")) },
                "--avro" => o with { AvroAlerts = int.Parse(Next()) },
                "--seed" => o with { Seed = int.Parse(Next()) },
                "--work-dir" => o with { WorkDir = Next() },
                "--repo" => o with { RepoRoot = Next() },
                "--server" => o with { ServerPath = Next() },
                "--skip-postgres" => o with { SkipPostgres = true },
                "--repetitions" => o with { Repetitions = int.Parse(Next()) },
                "--load-seconds" => o with { LoadDuration = TimeSpan.FromSeconds(double.Parse(Next())) },
                "--write-cache-mib" => o with { WriteCacheMiB = int.Parse(Next()) },
                "--only" => o with { Only = Next() is var only && only is "ingest" or "queries" ? only : throw new ArgumentException("--only takes: ingest, queries") },
                "--label" => o with { Label = Next() },
                "--survey" => o with { Survey = Next() is var s && s is "ztf" or "lsst" or "both" ? s : throw new ArgumentException("--survey takes: ztf, lsst, both") },
                var other => throw new ArgumentException($"unknown option {other}"),
            };
        }
        return o;
    }
}
