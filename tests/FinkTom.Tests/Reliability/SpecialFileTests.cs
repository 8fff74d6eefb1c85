using System.Diagnostics;
using FinkTom.Ingest.Pipeline;
using FinkTom.Tests.Ingest;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Reliability;

/// <summary>A folder can hold things that are not files: a FIFO named <c>*.avro</c> used to hang <c>finktom ingest</c>
/// (opening it waits for a writer). Such entries are skipped with a reason, unopened, and the run goes on.</summary>
public sealed class SpecialFileTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_fifo_named_like_an_alert_file_is_skipped_with_a_reason_and_the_real_files_are_ingested()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "FIFOs are a Unix thing");
        var fifo = Path.Combine(_folder.Path, "tonight.avro");
        using (var mkfifo = Process.Start("mkfifo", fifo))
            await mkfifo.WaitForExitAsync();
        Assert.True(File.Exists(fifo));
        _folder.Write("good.avro", File.ReadAllBytes(SampleFiles.Ztf19acihgng));
        var store = new RecordingAlertStore();

        try
        {
            var report = await new AlertIngestionPipeline(store).IngestAsync([_folder.Path]).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(1, report.Stored);
            var rejection = Assert.Single(report.Rejections);
            Assert.Equal(fifo, rejection.File);
            Assert.Contains("not a regular file", rejection.Reason);
        }
        finally
        {
            // Had the reader opened the FIFO, a writer frees it, so that a failure here does not leave a thread stuck
            // (read-write: on Linux that open never waits for the other end).
            using var unblock = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
        }
    }
}
