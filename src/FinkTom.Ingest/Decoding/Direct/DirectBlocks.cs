using System.Buffers;
using FinkTom.Core.Model;
using FinkTom.Ingest.Avro;

namespace FinkTom.Ingest.Decoding.Direct;

/// <summary>One record of a block: its alert, or why it is not one (the file goes on).</summary>
internal readonly record struct RecordOutcome(Alert? Alert, Exception? Error);

/// <summary>The records of one block decoded up to <paramref name="Fatal"/>, the error that ends the file there (corrupt
/// bytes in a record, or bytes left over after the block's records), if any.</summary>
internal sealed record BlockOutcome(List<RecordOutcome> Records, AvroFormatException? Fatal);

/// <summary>Decodes the records of container blocks with a <see cref="DirectAlertPlan"/>.</summary>
internal static class DirectBlocks
{
    /// <summary>Decodes a block and gives its pooled buffer back. Never throws: every error is in the outcome.</summary>
    public static BlockOutcome Decode(IDirectPlan plan, RawBlock block, DirectDecodeState state)
    {
        var records = new List<RecordOutcome>((int)Math.Min(block.Count, 4096));
        try
        {
            var reader = new AvroBinaryReader(block.Data.Array!, block.Data.Offset, block.Data.Offset + block.Data.Count);
            for (long i = 0; i < block.Count; i++)
            {
                try
                {
                    plan.Read(reader, state);
                }
                catch (Exception e)
                {
                    // The generic reader's wording (AvroContainerReader.TryRead): the file is given up here.
                    return new BlockOutcome(records, new AvroFormatException(
                        $"corrupt record {block.FirstRecord + i + 1} (block {block.Number}): {e.GetType().Name}: {e.Message}", e));
                }
                try
                {
                    records.Add(new RecordOutcome(plan.Build(state), null));
                }
                catch (Exception e)
                {
                    records.Add(new RecordOutcome(null, e)); // one bad record: rejected alone, as AlertFileReader does
                }
            }
            return reader.Remaining == 0 ? new BlockOutcome(records, null) : new BlockOutcome(records, new AvroFormatException(
                $"corrupt block {block.Number}: {reader.Remaining} bytes left after its records (data does not match the schema)"));
        }
        finally
        {
            Release(block);
        }
    }

    public static void Release(RawBlock block)
    {
        if (block.Pooled is { } pooled)
            ArrayPool<byte>.Shared.Return(pooled);
    }
}

/// <summary>
/// Consecutive blocks of a file decoded as one unit of work, by a thread-pool thread or, when none has taken it yet
/// by the time its alerts are wanted, by the reading thread itself: the reader never waits on a pool that is busy
/// elsewhere (on two shared cores, the store thread and other work may hold it).
/// </summary>
internal sealed class BlockDecodeJob(IDirectPlan plan, List<RawBlock> blocks)
{
    private const int Waiting = 0, Taken = 1, Done = 2;
    private readonly object _done = new();
    private int _state;
    private List<BlockOutcome> _outcomes = [];

    public long Records => blocks.Sum(b => b.Count);

    /// <summary>Queues the job on the thread pool (it may still run on the reading thread first).</summary>
    public void Schedule() => ThreadPool.UnsafeQueueUserWorkItem(static job => job.TryRun(), this, preferLocal: false);

    /// <summary>The outcomes of the job's blocks, in order, up to and including the first one that ends the file.</summary>
    public List<BlockOutcome> Outcomes()
    {
        TryRun();
        lock (_done)
        {
            while (Volatile.Read(ref _state) != Done)
                Monitor.Wait(_done);
        }
        return _outcomes;
    }

    /// <summary>Gives the job up (the file ended before it): a job no thread has taken returns its buffers now, one
    /// being decoded returns them when it finishes.</summary>
    public void Abandon()
    {
        if (Interlocked.CompareExchange(ref _state, Taken, Waiting) != Waiting)
            return;
        foreach (var block in blocks)
            DirectBlocks.Release(block);
        Finish([]);
    }

    private void TryRun()
    {
        if (Interlocked.CompareExchange(ref _state, Taken, Waiting) != Waiting)
            return;
        var outcomes = new List<BlockOutcome>(blocks.Count);
        try
        {
            var state = new DirectDecodeState();
            var i = 0;
            for (; i < blocks.Count; i++)
            {
                var outcome = DirectBlocks.Decode(plan, blocks[i], state);
                outcomes.Add(outcome);
                if (outcome.Fatal is not null)
                    break;
            }
            for (i++; i < blocks.Count; i++)
                DirectBlocks.Release(blocks[i]);
        }
        catch (Exception e) // out of memory, most likely: a pool thread must not throw, the reader reports it
        {
            outcomes.Add(new BlockOutcome([], new AvroFormatException($"decoding failed: {e.GetType().Name}: {e.Message}", e)));
        }
        Finish(outcomes);
    }

    private void Finish(List<BlockOutcome> outcomes)
    {
        lock (_done)
        {
            _outcomes = outcomes;
            Volatile.Write(ref _state, Done);
            Monitor.PulseAll(_done);
        }
    }
}
