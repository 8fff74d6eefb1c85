using System.Collections.Concurrent;
using Confluent.Kafka;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Surveys;
using FinkTom.Kafka.Wire;
using FinkTom.Livestream;
using FinkTom.Livestream.Filters;
using FinkTom.Livestream.Publication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinkTom.Kafka.Publish;

/// <summary>
/// Publishes matching alerts to their filters' topics in Fink's encoding (<see cref="FinkWire"/>: ZTF's or Rubin's
/// layout): value = schemaless Avro, key = writer schema JSON. It drains the <see cref="LivestreamOutbox"/> in order, so what a
/// previous run left there goes out first. Newly stored alerts come from memory (the <see cref="PublicationHandoff"/>);
/// anything else (left by a crash, or beyond the memory bound while Kafka is slow or down) is read back from its survey's
/// store (<see cref="StoredPackets"/>). At most <c>Kafka:Publish:MaxQueuedMessages</c> messages are in flight: beyond that the outbox grows on
/// disk and ingestion goes on. A row is deleted when the broker acknowledges its message (acks=all); librdkafka retries broker errors
/// itself, a message that still failed is produced again up to <see cref="MaxAttempts"/> times, then counted, logged
/// and left in the outbox for a later sweep.
/// </summary>
public sealed class KafkaLivestreamPublisher : BackgroundService
{
    public const int MaxAttempts = 3;
    private const int PageSize = 500;
    private static readonly TimeSpan SweepDelay = TimeSpan.FromSeconds(5);

    private readonly KafkaOptions _options;
    private readonly ILogger<KafkaLivestreamPublisher> _logger;
    private readonly LivestreamStatus _status;
    private readonly StoredPackets _stored;
    private readonly int _maxInFlight;
    private readonly PublicationHandoff _handoff;
    private readonly ConcurrentDictionary<long, byte> _inFlight = new();  // seqs produced and not yet deleted
    private readonly ConcurrentQueue<long> _delivered = new();
    private long _cursor;
    private volatile bool _sweep;
    private volatile bool _stopping;
    private IProducer<byte[], byte[]>? _producer;

    public KafkaLivestreamPublisher(IOptions<KafkaOptions> options, LivestreamStatus status, PublicationHandoff handoff,
        StoredPackets stored, ILogger<KafkaLivestreamPublisher> logger)
    {
        _options = options.Value;
        _status = status;
        _stored = stored; // the backends themselves: reads are never decorated, so there is no loop through the writer
        _logger = logger;
        _maxInFlight = Math.Max(1, _options.Publish.MaxQueuedMessages);
        _handoff = handoff;
    }

    public LivestreamOutbox Outbox => _handoff.Outbox;

    /// <summary>Messages the outbox held at start (left undelivered by the previous run).</summary>
    public long Recovered => Outbox.Recovered;

    /// <summary>Messages handed to the producer and not yet acknowledged.</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>The outbox as <c>/health</c> and <c>/livestream/status</c> show it.</summary>
    public OutboxStatus Status() => new(Outbox.Path, Outbox.Depth, InFlight, Recovered);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var config = new ProducerConfig(new Dictionary<string, string>(_options.Client))
        {
            BootstrapServers = _options.BootstrapServers,
            Acks = Acks.All,
            LingerMs = 5,
        };
        _producer = new ProducerBuilder<byte[], byte[]>(config)
            .SetErrorHandler((_, e) => _logger.LogWarning("Kafka producer: {Reason}", e.Reason))
            .Build();
        _logger.LogInformation("Publishing livestreams to {Servers}; outbox {Path}", _options.BootstrapServers, Outbox.Path);
        if (Recovered > 0)
            _logger.LogWarning("Re-publishing {Count} livestream messages left undelivered by the previous run", Recovered);
        await Task.Yield();
        var sweepAt = DateTime.MaxValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (_sweep)
                {
                    _sweep = false;
                    sweepAt = DateTime.UtcNow + SweepDelay;
                }
                if (DateTime.UtcNow >= sweepAt)
                {
                    sweepAt = DateTime.MaxValue;
                    _cursor = 0; // failed rows are still in the outbox: read it again from the start
                }
                try
                {
                    RemoveDelivered();
                    if (!await PumpAsync(stoppingToken))
                        await _handoff.WaitAsync(TimeSpan.FromMilliseconds(200), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The store or the outbox file failed (a backend down, a full disk): the rows stay, try again later.
                    _logger.LogError(e, "Livestream publication paused: {Reason}; retrying in {Delay} s", e.Message, SweepDelay.TotalSeconds);
                    _sweep = true;
                    await Task.Delay(SweepDelay, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Produces settled rows after the cursor while there is room in flight; false when there was nothing to do.</summary>
    private async Task<bool> PumpAsync(CancellationToken cancellationToken)
    {
        var any = false;
        while (_inFlight.Count < _maxInFlight)
        {
            var page = Outbox.Read(_cursor, _handoff.SettledUpTo, Math.Min(PageSize, _maxInFlight - _inFlight.Count));
            if (page.Count == 0)
                break;
            any = true;
            _cursor = page[^1].Seq;
            var rows = page.Where(r => !_inFlight.ContainsKey(r.Seq)).ToList();
            var alerts = await LoadAsync(rows, cancellationToken);
            foreach (var group in rows.GroupBy(Key))
            {
                _handoff.Forget(group.Key.Survey, group.Key.Candid);
                if (!alerts.TryGetValue(group.Key, out var alert))
                    continue;
                var message = FinkWire.Message(alert);
                foreach (var row in group)
                {
                    _inFlight[row.Seq] = 0;
                    await ProduceAsync(row, message, 1, cancellationToken);
                }
            }
        }
        return any;
    }

    /// <summary>The rows' alerts, from memory or the store. A row whose alert the store does not have (its write
    /// failed) is dropped — checked again while no write runs, so a retry of that write cannot slip in between.</summary>
    private async Task<Dictionary<(Survey Survey, long Candid), Alert>> LoadAsync(List<OutboxEntry> rows, CancellationToken cancellationToken)
    {
        var alerts = new Dictionary<(Survey Survey, long Candid), Alert>();
        var missing = new List<(Survey Survey, long Candid)>();
        foreach (var key in rows.Select(Key).Distinct())
        {
            if (_handoff.TryGetFresh(key.Survey, key.Candid, out var alert))
                alerts[key] = alert;
            else
                missing.Add(key);
        }
        if (missing.Count == 0)
            return alerts;
        var absent = new List<(Survey Survey, long Candid)>();
        foreach (var key in missing)
        {
            if (await _stored.ReadAsync(key.Survey, key.Candid, cancellationToken) is { } alert)
                alerts[key] = alert;
            else
                absent.Add(key);
        }
        if (absent.Count == 0)
            return alerts;
        await Outbox.WriteGate.WaitAsync(cancellationToken);
        try
        {
            var drop = new List<long>();
            foreach (var key in absent)
            {
                if (await _stored.ReadAsync(key.Survey, key.Candid, cancellationToken) is { } alert)
                    alerts[key] = alert;
                else
                    drop.AddRange(rows.Where(r => Key(r) == key).Select(r => r.Seq));
            }
            Outbox.Remove(drop);
        }
        finally
        {
            Outbox.WriteGate.Release();
        }
        return alerts;
    }

    /// <summary>Whose alert a row publishes: the topic says the survey (<c>fink_*_lsst</c>), its candid the alert.</summary>
    private static (Survey Survey, long Candid) Key(OutboxEntry row) => (LivestreamFilter.SurveyOfTopic(row.Topic) ?? Survey.Ztf, row.Candid);

    private async Task ProduceAsync(OutboxEntry row, Message<byte[], byte[]> message, int attempt, CancellationToken cancellationToken)
    {
        while (!_stopping && _producer is { } producer)
        {
            try
            {
                producer.Produce(row.Topic, message, report => Delivered(report, row, message, attempt));
                _status.Queued(row.Topic);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                await Task.Delay(50, cancellationToken); // librdkafka's own queue is full: wait for deliveries
            }
            catch (ObjectDisposedException)
            {
                break; // stopping: the row stays in the outbox
            }
        }
        _inFlight.TryRemove(row.Seq, out _);
    }

    private void Delivered(DeliveryReport<byte[], byte[]> report, OutboxEntry row, Message<byte[], byte[]> message, int attempt)
    {
        if (!report.Error.IsError)
        {
            _status.Delivered(report.Topic);
            _delivered.Enqueue(row.Seq);
            _handoff.Wake();
            return;
        }
        if (attempt < MaxAttempts && !report.Error.IsFatal && !_stopping)
        {
            _logger.LogWarning("Delivery of alert {Candid} to {Topic} failed ({Reason}); attempt {Next} of {Max}", row.Candid, row.Topic, report.Error.Reason, attempt + 1, MaxAttempts);
            _ = ProduceAsync(row, message, attempt + 1, CancellationToken.None);
            return;
        }
        _inFlight.TryRemove(row.Seq, out _);
        if (_stopping)
            return; // not delivered before the process stopped: the next start sends it
        _status.Failed(report.Topic, report.Error.Reason);
        _logger.LogError("Alert {Candid} was not delivered to {Topic}: {Reason}; it stays in the outbox and is retried in {Delay} s",
            row.Candid, report.Topic, report.Error.Reason, SweepDelay.TotalSeconds);
        _sweep = true;
        _handoff.Wake();
    }

    /// <summary>Deletes the acknowledged rows in one transaction (the window in which a crash would send them twice).</summary>
    private void RemoveDelivered()
    {
        var seqs = new List<long>();
        while (_delivered.TryDequeue(out var seq))
            seqs.Add(seq);
        if (seqs.Count == 0)
            return;
        try
        {
            Outbox.Remove(seqs);
        }
        catch
        {
            foreach (var seq in seqs)
                _delivered.Enqueue(seq); // delivered all the same: delete them at the next attempt
            throw;
        }
        foreach (var seq in seqs)
            _inFlight.TryRemove(seq, out _);
    }

    /// <summary>Waits until the outbox is empty (every owed message acknowledged); false if it was not within the timeout.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Outbox.Depth > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20, cancellationToken);
        return Outbox.Depth == 0;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The host may stop twice (application stop, then disposal): only the call that takes the producer flushes it.
        if (Interlocked.Exchange(ref _producer, null) is { } producer)
        {
            // Deliver what is in flight (up to 10 s, or less if the host is told to hurry); the rest stays in the outbox.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                producer.Flush(limit.Token);
            }
            catch (OperationCanceledException)
            {
            }
            _stopping = true;
            RemoveDelivered();
            producer.Dispose();
            RemoveDelivered();
        }
        _stopping = true;
    }
}
