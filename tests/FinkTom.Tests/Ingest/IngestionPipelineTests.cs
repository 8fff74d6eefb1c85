using FinkTom.Ingest.Files;
using FinkTom.Ingest.Pipeline;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Ingest;

/// <summary>The ingestion pipeline against <see cref="RecordingAlertStore"/> (test double: in-memory, not a real backend).</summary>
public sealed class IngestionPipelineTests
{
    private static readonly IngestionOptions SmallBatches = new() { BatchSize = 100 };

    [Fact]
    public async Task IngestingTheSamplesTwice_StoresEachAlertOnce_AndCountsTheRestAsDuplicates()
    {
        var store = new RecordingAlertStore();
        var pipeline = new AlertIngestionPipeline(store, SmallBatches);
        var distinct = TestPaths.ZtfSamples.SelectMany(d => Directory.EnumerateFiles(d, "*.avro", SearchOption.AllDirectories))
            .SelectMany(SampleFiles.ReadAlerts).Select(a => a.Candid).Distinct().Count();

        var first = await pipeline.IngestAsync(TestPaths.ZtfSamples);
        var second = await pipeline.IngestAsync(TestPaths.ZtfSamples);

        Assert.Equal(350, distinct); // two alerts are bundled twice (see the report of this work)
        Assert.Equal((202, 202, 0, 352L), (first.FilesFound, first.FilesRead, first.FilesRejected, first.AlertsRead));
        Assert.Equal((350L, 2L), (first.Stored, first.Duplicates));
        Assert.Equal((352L, 0L, 352L), (second.AlertsRead, second.Stored, second.Duplicates));
        Assert.Empty(first.Rejections);
        Assert.Equal(distinct, store.Alerts.Count);
    }

    [Fact]
    public async Task Alerts_AreWrittenInBatchesOfTheConfiguredSize_WithHistoryAndCutouts()
    {
        var store = new RecordingAlertStore();

        await new AlertIngestionPipeline(store, SmallBatches).IngestAsync(TestPaths.ZtfSamples);

        Assert.Equal([100, 100, 100, 52], store.BatchSizes);
        Assert.All(store.Alerts.Values, a => Assert.NotNull(a.Cutouts?.Science));
        Assert.True(store.Alerts.Values.Count(a => a.History.Count > 0) > 300);
    }

    [Fact]
    public async Task Progress_ReachesTheTotals_AndNeverGoesBack()
    {
        var progress = new RecordingProgress();

        var report = await new AlertIngestionPipeline(new RecordingAlertStore(), SmallBatches).IngestAsync(TestPaths.ZtfSamples, progress);

        var reports = progress.Reports;
        var last = reports[^1];
        Assert.Equal((202, 202), (last.FilesDone, last.FilesTotal));
        Assert.Equal(last.BytesTotal, last.BytesDone);
        Assert.Equal(1.0, last.Fraction);
        Assert.Equal((report.AlertsRead, report.Stored, report.Duplicates), (last.AlertsRead, last.Stored, last.Duplicates));
        Assert.True(reports.Count >= 202); // at least one report per file
        Assert.All(reports.Zip(reports.Skip(1)), pair =>
        {
            var (before, after) = pair;
            Assert.True(after.FilesDone >= before.FilesDone && after.AlertsRead >= before.AlertsRead && after.Stored >= before.Stored,
                $"progress went back: {before} then {after}");
        });
        Assert.Contains(reports, r => r.CurrentFile?.EndsWith(".avro", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task MissingPath_IsReportedAndCounted_WhileTheOtherPathsIngest()
    {
        var missing = Path.Combine(TestPaths.Samples, "no-such-folder");

        var report = await new AlertIngestionPipeline(new RecordingAlertStore()).IngestAsync([missing, SampleFiles.Ztf19acihgng]);

        Assert.Equal(new IngestRejection(missing, "no such file or folder"), Assert.Single(report.Rejections));
        Assert.Equal((1, 1, 1L), (report.FilesRead, report.FilesRejected, report.Stored));
    }

    [Fact]
    public async Task StoreFailure_StopsTheRun_AndIsThrown()
    {
        var store = new RecordingAlertStore { FailOnBatch = 2 };

        var error = await Assert.ThrowsAsync<IOException>(
            () => new AlertIngestionPipeline(store, SmallBatches).IngestAsync(TestPaths.ZtfSamples));

        Assert.Contains("simulated store failure", error.Message);
        Assert.Equal(2, store.BatchSizes.Count); // nothing written after the failure
    }

    [Fact]
    public async Task Cancellation_IsThrown()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new AlertIngestionPipeline(new RecordingAlertStore()).IngestAsync(TestPaths.ZtfSamples, cancellationToken: cancelled.Token));
    }

    /// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class RecordingProgress : IProgress<IngestionProgress>
    {
        private readonly Lock _gate = new();
        private readonly List<IngestionProgress> _reports = [];

        public List<IngestionProgress> Reports
        {
            get { lock (_gate) return [.. _reports]; }
        }

        public void Report(IngestionProgress value)
        {
            lock (_gate) _reports.Add(value);
        }
    }
}
