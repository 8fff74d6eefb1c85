using System.Diagnostics;
using Confluent.Kafka;
using FinkTom.Core.Model;
using FinkTom.Core.Validation;
using FinkTom.Core.Store;
using FinkTom.Ingest.Decoding.Confluent;
using Microsoft.Extensions.Logging;

namespace FinkTom.Kafka.Ingest;

/// <summary>
/// Consumes alert topics into the store, at least once: offsets are committed only after the alerts they carry are
/// stored, and the store ignores alerts it already has (by candid), so a crash or a broker restart neither loses
/// nor duplicates an alert. A message that cannot be decoded is counted, logged with topic/partition/offset and
/// skipped (its offset is committed with the batch). A store failure is retried with back-off; nothing is committed
/// until it succeeds. So is a schema registry that does not answer: the message waiting for it is read again after a
/// pause, not skipped.
/// </summary>
public sealed class KafkaAlertIngestor(IAlertWriter writer, KafkaOptions options, KafkaIngestStatus status, ILogger logger)
{
    private readonly KafkaMessageDecoder _decoder = KafkaMessageDecoder.For(options.Ingest);
    private int _schemaWaits;

    /// <summary>Runs until cancelled or, with <paramref name="stopWhenIdle"/>, until no message came for that long.</summary>
    public Task RunAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken, TimeSpan? stopWhenIdle = null) =>
        Task.Factory.StartNew(() => Run(topics, stopWhenIdle, cancellationToken), cancellationToken,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(IReadOnlyList<string> topics, TimeSpan? stopWhenIdle, CancellationToken cancellationToken)
    {
        var ingest = options.Ingest;
        var batch = new Batch();
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(ConsumerConfig())
            .SetPartitionsRevokedHandler((c, revoked) => Flush(c, batch, CancellationToken.None)) // before another member takes them
            .SetPartitionsLostHandler((_, lost) => batch.Forget(lost.Select(p => p.TopicPartition)))
            .SetErrorHandler((_, e) => { status.LastError = e.Reason; logger.LogWarning("Kafka consumer: {Reason}", e.Reason); })
            .Build();
        consumer.Subscribe(topics);
        status.Topics = topics;
        status.Running = true;
        logger.LogInformation("Consuming alerts from {Topics} on {Servers} as group {Group}", string.Join(", ", topics),
            options.BootstrapServers, ingest.GroupId);
        var idle = Stopwatch.StartNew();
        var lastLog = Stopwatch.StartNew();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var wait = batch.Count == 0 ? 250 : Math.Max(1, ingest.MaxBatchWaitMs - (int)batch.Age.TotalMilliseconds);
                ConsumeResult<byte[]?, byte[]?>? message;
                try
                {
                    message = consumer.Consume(TimeSpan.FromMilliseconds(Math.Min(wait, 250)));
                }
                catch (ConsumeException e)
                {
                    status.LastError = e.Error.Reason;
                    logger.LogWarning("Kafka consume error at {Where}: {Reason}", e.ConsumerRecord?.TopicPartitionOffset, e.Error.Reason);
                    continue;
                }
                if (message is { IsPartitionEOF: false })
                {
                    idle.Restart();
                    if (!Decode(message, batch))
                    {
                        WaitForSchemas(consumer, message, batch, cancellationToken);
                        continue;
                    }
                }
                if (batch.Count >= ingest.BatchSize || (batch.HasOffsets && batch.Age.TotalMilliseconds >= ingest.MaxBatchWaitMs))
                    Flush(consumer, batch, cancellationToken);
                if (lastLog.Elapsed >= TimeSpan.FromSeconds(10))
                {
                    Log();
                    lastLog.Restart();
                }
                if (stopWhenIdle is { } limit && idle.Elapsed >= limit && !batch.HasOffsets)
                    break;
            }
            Flush(consumer, batch, CancellationToken.None); // decoded already: store and commit them before leaving
            consumer.Close();
        }
        finally
        {
            status.Running = false;
            Log();
        }
    }

    /// <summary>Adds the message's alerts to the batch, or counts it as poison; false when its schema cannot be had now.</summary>
    private bool Decode(ConsumeResult<byte[]?, byte[]?> message, Batch batch)
    {
        try
        {
            var alerts = _decoder.Decode(message.Message.Key, message.Message.Value);
            var kept = 0;
            foreach (var alert in alerts)
            {
                // The same gate as files: an alert with impossible values is skipped alone, not with its batch.
                if (AlertValidation.Check(alert) is { Rejection: { } reason })
                {
                    var at = $"{message.Topic} [{message.Partition.Value}] @{message.Offset.Value}";
                    status.Rejected($"{at}: {reason}");
                    logger.LogWarning("Skipped an invalid alert at {Where}: {Reason}", at, reason);
                    continue;
                }
                batch.Alerts.Add(alert);
                kept++;
            }
            status.Received(kept);
            _schemaWaits = 0;
        }
        catch (SchemaSourceUnavailableException e)
        {
            status.LastError = e.Message;
            logger.LogWarning("Waiting for the writer schema of {Where}: {Reason}", message.TopicPartitionOffset, e.Message);
            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var where = $"{message.Topic} [{message.Partition.Value}] @{message.Offset.Value}";
            status.Rejected($"{where}: {e.Message}");
            logger.LogWarning("Skipped an undecodable message at {Where}: {Reason}", where, e.Message);
        }
        batch.Done(message.TopicPartitionOffset);
        return true;
    }

    /// <summary>
    /// The schema registry did not answer for this message: store and commit what came before it, rewind its partition
    /// to it and pause (1 s, doubling up to 30 s) before it comes round again. Polling goes on between pauses, so the
    /// consumer keeps its place in the group however long the registry is away.
    /// </summary>
    private void WaitForSchemas(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> message, Batch batch,
        CancellationToken cancellationToken)
    {
        Flush(consumer, batch, cancellationToken);
        try
        {
            consumer.Seek(message.TopicPartitionOffset);
        }
        catch (KafkaException e)
        {
            // The partition was just taken away: its new owner starts at the committed offset, before this message.
            logger.LogWarning("Could not rewind to {Where}: {Reason}", message.TopicPartitionOffset, e.Error.Reason);
        }
        var delay = TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(_schemaWaits++, 5)));
        cancellationToken.WaitHandle.WaitOne(delay);
    }

    /// <summary>Stores the batch (retrying store failures), then commits its offsets.</summary>
    private void Flush(IConsumer<byte[]?, byte[]?> consumer, Batch batch, CancellationToken cancellationToken)
    {
        if (!batch.HasOffsets && batch.Count == 0)
            return;
        var result = StoreWithRetries(batch.Alerts, cancellationToken);
        if (result is null)
            return; // cancelled before the alerts were stored: nothing is committed, they come again next time
        var offsets = batch.Offsets();
        try
        {
            if (offsets.Count > 0)
                consumer.Commit(offsets);
        }
        catch (KafkaException e)
        {
            // Stored but not committed: redelivered later, and then counted as duplicates by the store.
            status.LastError = e.Error.Reason;
            logger.LogWarning("Could not commit offsets {Offsets}: {Reason}", string.Join(", ", offsets), e.Error.Reason);
        }
        status.Written(result.Stored, result.Duplicates);
        foreach (var offset in offsets)
        {
            var high = consumer.GetWatermarkOffsets(offset.TopicPartition).High;
            if (high != Offset.Unset)
                status.Lag($"{offset.Topic} [{offset.Partition.Value}]", Math.Max(0, high.Value - offset.Offset.Value));
        }
        batch.Clear();
    }

    private StoreWriteResult? StoreWithRetries(List<Alert> alerts, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return writer.WriteAsync(alerts, cancellationToken).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception e)
            {
                status.LastError = e.Message;
                var delay = TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(attempt - 1, 5)));
                logger.LogError(e, "Storing {Count} alerts from Kafka failed (attempt {Attempt}); retrying in {Delay} s", alerts.Count, attempt, delay.TotalSeconds);
                if (cancellationToken.WaitHandle.WaitOne(delay))
                    return null;
            }
        }
    }

    private void Log()
    {
        var s = status.Snapshot();
        logger.LogInformation("Kafka ingest: {Messages} messages, {Stored} alerts stored, {Duplicates} duplicates, {Poison} undecodable, lag {Lag}, {Rate:F0} alerts/s",
            s.Messages, s.Stored, s.Duplicates, s.Poison, s.Lag, s.AlertsPerSecond);
    }

    private ConsumerConfig ConsumerConfig() => new(new Dictionary<string, string>(options.Client))
    {
        BootstrapServers = options.BootstrapServers,
        GroupId = options.Ingest.GroupId,
        EnableAutoCommit = false, // commits follow store writes, nothing else
        EnableAutoOffsetStore = false,
        AutoOffsetReset = string.Equals(options.Ingest.StartAt, "latest", StringComparison.OrdinalIgnoreCase)
            ? AutoOffsetReset.Latest : AutoOffsetReset.Earliest,
        TopicMetadataRefreshIntervalMs = options.Client.TryGetValue("topic.metadata.refresh.interval.ms", out var ms) && int.TryParse(ms, out var set)
            ? set : options.Ingest.MetadataRefreshMs,
    };

    /// <summary>The alerts decoded since the last commit and, per partition, the next offset to commit.</summary>
    private sealed class Batch
    {
        private readonly Dictionary<TopicPartition, Offset> _next = [];
        private readonly Stopwatch _age = new();

        public List<Alert> Alerts { get; } = [];
        public int Count => Alerts.Count;
        public bool HasOffsets => _next.Count > 0;
        public TimeSpan Age => _age.Elapsed;

        public void Done(TopicPartitionOffset consumed)
        {
            if (_next.Count == 0)
                _age.Restart();
            _next[consumed.TopicPartition] = consumed.Offset + 1;
        }

        public List<TopicPartitionOffset> Offsets() => _next.Select(p => new TopicPartitionOffset(p.Key, p.Value)).ToList();

        public void Forget(IEnumerable<TopicPartition> partitions)
        {
            foreach (var partition in partitions)
                _next.Remove(partition);
        }

        public void Clear()
        {
            Alerts.Clear();
            _next.Clear();
            _age.Reset();
        }
    }
}
