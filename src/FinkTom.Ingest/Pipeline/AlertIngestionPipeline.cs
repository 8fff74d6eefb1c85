using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using FinkTom.Core.Model;
using FinkTom.Core.Store;
using FinkTom.Core.Validation;
using FinkTom.Ingest.Files;

namespace FinkTom.Ingest.Pipeline;

/// <summary>
/// Reads alert files and writes their alerts to an <see cref="IAlertWriter"/> in batches. Reading/decoding runs on
/// one thread and store writes on another, a bounded queue of one batch between them, so on two cores decoding
/// and storing overlap. Bad files and records are counted and reported, never thrown; so are alerts whose values
/// <see cref="AlertValidation"/> refuses. Store failures and cancellation are thrown.
/// </summary>
public sealed class AlertIngestionPipeline(IAlertWriter writer, AlertFileReader reader, IngestionOptions? options = null)
{
    private readonly int _batchSize = Math.Max(1, (options ?? new IngestionOptions()).BatchSize);

    public AlertIngestionPipeline(IAlertWriter writer, IngestionOptions? options = null)
        : this(writer, new AlertFileReader(), options)
    {
    }

    /// <summary>Ingests the given files and folders (folders: every <c>*.avro</c> below them).</summary>
    public async Task<IngestionReport> IngestAsync(
        IEnumerable<string> paths, IProgress<IngestionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var rejections = new ConcurrentQueue<IngestRejection>();
        var missing = new List<IngestRejection>();
        var files = AlertFileFinder.Find(paths, missing.Add);
        var tally = new IngestionTally(files.Count, files.Sum(f => f.Length));
        foreach (var rejection in missing)
            Reject(rejection, rejections, tally);

        var batches = Channel.CreateBounded<List<Alert>>(
            new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ReadBatchesAsync(files, batches.Writer, rejections, tally, progress, stop.Token), stop.Token);

        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                var result = await writer.WriteAsync(batch, stop.Token).ConfigureAwait(false);
                tally.Written(result.Stored, result.Duplicates);
                if (result.Rejected > 0) // the reader checks every alert first: this is only the store's second line of defence
                    Reject(new IngestRejection("(store)", $"the store refused {result.Rejected} alerts whose values it cannot keep", -1), rejections, tally);
                tally.Report(progress);
            }
            await producer.ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false); // a failed store write must stop the reader too
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch
            {
                // Cancelled (or failed) because of the exception being rethrown below: that one is the cause.
            }
            throw;
        }

        var report = new IngestionReport(files.Count, tally.FilesRead, tally.FilesRejected, tally.AlertsRead, tally.Stored,
            tally.Duplicates, rejections.ToArray(), Stopwatch.GetElapsedTime(started));
        tally.Report(progress, finished: true);
        return report;
    }

    private async Task ReadBatchesAsync(
        IReadOnlyList<FileInfo> files, ChannelWriter<List<Alert>> batches, ConcurrentQueue<IngestRejection> rejections,
        IngestionTally tally, IProgress<IngestionProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<Alert>(_batchSize);
            foreach (var file in files)
            {
                tally.StartFile(file.FullName);
                var fileFailed = false;
                long records = 0; // records of this file so far, yielded or rejected: the index of the next one
                foreach (var alert in reader.Read(file.FullName, r =>
                         {
                             records += r.IsWholeFile ? 0 : 1;
                             fileFailed |= Reject(r, rejections, tally);
                         }))
                {
                    var index = records++;
                    // The gate every way in shares: one impossible value rejects this alert, never its batch.
                    if (AlertValidation.Check(alert) is { Rejection: { } reason })
                    {
                        Reject(new IngestRejection(file.FullName, reason, index), rejections, tally);
                        continue;
                    }
                    tally.AlertRead();
                    batch.Add(alert);
                    if (batch.Count < _batchSize)
                        continue;
                    await batches.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch = new List<Alert>(_batchSize);
                }
                tally.FileDone(file.Length, completed: !fileFailed);
                tally.Report(progress);
                cancellationToken.ThrowIfCancellationRequested();
            }
            if (batch.Count > 0)
                await batches.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            batches.Complete();
        }
        catch (Exception e)
        {
            batches.Complete(e);
            throw;
        }
    }

    /// <summary>Records a rejection; true when it rejects a whole file.</summary>
    private static bool Reject(IngestRejection rejection, ConcurrentQueue<IngestRejection> rejections, IngestionTally tally)
    {
        rejections.Enqueue(rejection);
        tally.Rejection(rejection.IsWholeFile);
        return rejection.IsWholeFile;
    }
}
