using Avro.Generic;
using FinkTom.Core.Model;
using FinkTom.Ingest.Avro;
using FinkTom.Ingest.Decoding;
using FinkTom.Ingest.Decoding.Direct;

namespace FinkTom.Ingest.Files;

/// <summary>
/// Streams the alerts of Avro container files. Problems never escape as exceptions: a file that is not Avro,
/// is truncated or corrupt, holds something other than ZTF alerts, or cannot be opened is reported as one
/// whole-file <see cref="IngestRejection"/>; a record that is Avro but not a usable alert is reported on its own
/// and the file goes on.
/// </summary>
/// <remarks>
/// Alerts decoded from a damaged file before the damage <b>are kept</b> (they have already been yielded): with
/// <see cref="AvroContainerReader"/> these are the records of every block that was read whole with a valid sync
/// marker. For ZTF's one-alert files that means none; for Spark's multi-block files, the blocks before the break.
/// The rejection's reason says how many records came before the break.
/// </remarks>
public sealed class AlertFileReader(AlertDecoder decoder, AvroSchemaCache schemas)
{
    // Small: block data is read in one call that bypasses the buffer; only the framing varints go through it.
    private const int ReadBufferSize = 4096;

    public AlertFileReader() : this(new AlertDecoder(), new AvroSchemaCache())
    {
    }

    /// <summary>The alerts of one file, in file order; <paramref name="reject"/> receives every problem
    /// (at most one whole-file rejection, after which the sequence ends).</summary>
    public IEnumerable<Alert> Read(string path, Action<IngestRejection> reject)
    {
        var reader = Open(path, reject);
        if (reader is null)
            yield break;

        using (reader)
        {
            if (reader.Schema.DirectPlan is { } plan)
            {
                foreach (var alert in ReadDirect(reader, plan, path, reject))
                    yield return alert;
                yield break;
            }

            long index = 0, decoded = 0;
            GenericRecord? record = null;
            while (true)
            {
                try
                {
                    if (!reader.TryRead(ref record))
                        break;
                }
                catch (Exception e) when (e is AvroFormatException or IOException)
                {
                    reject(new IngestRejection(path, $"{e.Message} ({decoded} alerts before it were kept)"));
                    break;
                }

                var alert = DecodeOrReject(record!, path, index++, reject);
                if (alert is not null)
                {
                    decoded++;
                    yield return alert;
                }
            }
        }
    }

    // Blocks are decoded ahead on the thread pool, a few jobs at a time, and handed out strictly in file order; the
    // first error that ends the file (in a block's framing or in a record's bytes) keeps every alert before it and
    // none after it, exactly as the one-record-at-a-time path does.
    private static IEnumerable<Alert> ReadDirect(AvroContainerReader reader, IDirectPlan plan, string path, Action<IngestRejection> reject)
    {
        var jobs = new Queue<BlockDecodeJob>();
        Exception? framing = null;
        var ended = false;
        long index = 0, decoded = 0;
        try
        {
            while (true)
            {
                while (!ended && jobs.Count < JobsAhead)
                {
                    var blocks = new List<RawBlock>();
                    long records = 0, bytes = 0;
                    try
                    {
                        while (records < RecordsPerJob && bytes < BytesPerJob)
                        {
                            if (!reader.TryReadBlock(out var block))
                            {
                                ended = true;
                                break;
                            }
                            blocks.Add(block);
                            (records, bytes) = (records + block.Count, bytes + block.Data.Count);
                        }
                    }
                    catch (Exception e) when (e is AvroFormatException or IOException)
                    {
                        framing = e;
                        ended = true;
                    }
                    if (blocks.Count == 0)
                        break;
                    var job = new BlockDecodeJob(plan, blocks);
                    if (jobs.Count > 0)
                        job.Schedule(); // the first job in line is decoded by this thread when its turn comes
                    jobs.Enqueue(job);
                }
                if (!jobs.TryDequeue(out var next))
                    break;
                foreach (var outcome in next.Outcomes())
                {
                    foreach (var record in outcome.Records)
                    {
                        var recordIndex = index++;
                        if (record.Alert is { } alert)
                        {
                            decoded++;
                            yield return alert;
                        }
                        else
                        {
                            reject(new IngestRejection(path, RecordRejection(record.Error!), recordIndex));
                        }
                    }
                    if (outcome.Fatal is { } fatal)
                    {
                        reject(new IngestRejection(path, $"{fatal.Message} ({decoded} alerts before it were kept)"));
                        yield break;
                    }
                }
            }
            if (framing is not null)
                reject(new IngestRejection(path, $"{framing.Message} ({decoded} alerts before it were kept)"));
        }
        finally
        {
            foreach (var job in jobs)
                job.Abandon();
        }
    }

    private static string RecordRejection(Exception e) =>
        e is AlertDecodeException ? e.Message : $"could not decode the alert: {e.GetType().Name}: {e.Message}";

    // Enough work ahead to keep every core decoding, little enough to bound memory (~1 MB of blocks per job).
    private static readonly int JobsAhead = Environment.ProcessorCount + 1;
    private const int RecordsPerJob = 64;
    private const long BytesPerJob = 1 << 20;

    // One bad record must not end a night's ingestion: anything the decoder throws rejects that record only.
    private Alert? DecodeOrReject(GenericRecord record, string path, long index, Action<IngestRejection> reject)
    {
        try
        {
            return decoder.Decode(record);
        }
        catch (AlertDecodeException e)
        {
            reject(new IngestRejection(path, e.Message, index));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            reject(new IngestRejection(path, $"could not decode the alert: {e.GetType().Name}: {e.Message}", index));
        }
        return null;
    }

    private AvroContainerReader? Open(string path, Action<IngestRejection> reject)
    {
        FileStream? stream = null;
        try
        {
            // FIFOs, sockets and devices report no size: opening a FIFO would wait for a writer for ever, and a
            // device may never end. An empty regular file holds no alerts either. Neither is opened.
            if (new FileInfo(path).Length == 0)
            {
                reject(new IngestRejection(path, "empty file, or not a regular file (a FIFO, socket or device): skipped without reading"));
                return null;
            }
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ReadBufferSize, FileOptions.SequentialScan);
            var reader = AvroContainerReader.Open(stream, schemas, alertFieldsOnly: true);
            if (decoder.Check(reader.Schema.Schema) is { } notAlerts)
            {
                reader.Dispose();
                reject(new IngestRejection(path, notAlerts));
                return null;
            }
            return reader;
        }
        catch (Exception e) when (e is AvroFormatException or IOException or UnauthorizedAccessException)
        {
            stream?.Dispose();
            reject(new IngestRejection(path, e.Message));
            return null;
        }
    }
}
