using FinkTom.Bench;
using FinkTom.Bench.Measure;
using FinkTom.Bench.Surveys;

// finktom-bench: survey-scale timings of FinkTom's embedded store for ZTF and Rubin/LSST alerts, in process and over
// HTTP, side by side with PostgreSQL + q3c (ZTF) on the same synthetic alerts. Prints one Markdown table. No timing is
// asserted anywhere.
var options = BenchOptions.Parse(args);
var folder = Path.Combine(options.WorkDir, $"n{options.N}-seed{options.Seed}");
Directory.CreateDirectory(folder);
var surveys = options.Survey switch { "ztf" => "ZTF", "lsst" => "Rubin/LSST", _ => "ZTF and Rubin/LSST" };
var report = new Report($"FinkTom benchmark — N = {options.N:N0} alerts of {surveys}{(options.IngestOnly ? ", ingest only" : options.QueriesOnly ? ", queries only" : "")}, {options.Label ?? "commit " + Machine.Commit(options.RepoRoot)}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n\nMachine: {Machine.Describe()}");
if (!options.QueriesOnly)
    report.Note($"Disk sequential write (1 GiB, flushed): {Machine.SequentialWriteMBps(folder):F0} MB/s.");

var run = new BenchRun(options, report, folder);
if (options.RunsZtf)
    await ZtfBench.RunAsync(run);
if (options.RunsLsst)
    await LsstBench.RunAsync(run);

var text = report.ToString();
Console.WriteLine(text);
File.WriteAllText(Path.Combine(folder, options.IngestOnly ? "report-ingest.md" : options.QueriesOnly ? "report-queries.md" : "report.md"), text);
return 0;
