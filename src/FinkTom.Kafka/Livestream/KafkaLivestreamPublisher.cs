using System.Threading.Channels;
using Confluent.Kafka;
using FinkTom.Core.Model;
using FinkTom.Kafka.Wire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinkTom.Kafka.Livestream;

/// <summary>
/// Publishes matching alerts to their filters' topics in Fink's encoding (<see cref="FinkWireFormat"/>): value =
/// schemaless Avro, key = writer schema JSON. A bounded queue sits between the store and the producer: when Kafka
/// falls behind, ingestion waits instead of memory growing. librdkafka retries broker errors itself (until
/// <c>message.timeout.ms</c>); delivery reports are checked, and a message that still failed is produced again up to
/// <see cref="MaxAttempts"/> times, then counted and logged.
/// </summary>
public sealed class KafkaLivestreamPublisher : BackgroundService
{
    public const int MaxAttempts = 3;

    private readonly Channel<(Alert Alert, string[] Topics)> _queue;
    private readonly KafkaOptions _options;
    private readonly ILogger<KafkaLivestreamPublisher> _logger;
    private readonly LivestreamStatus _status;
    private IProducer<byte[], byte[]>? _producer;

    public KafkaLivestreamPublisher(IOptions<KafkaOptions> options, LivestreamStatus status, ILogger<KafkaLivestreamPublisher> logger)
    {
        _options = options.Value;
        _status = status;
        _logger = logger;
        _queue = Channel.CreateBounded<(Alert, string[])>(new BoundedChannelOptions(Math.Max(1, _options.Publish.MaxQueuedMessages))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public int Queued => _queue.Reader.Count;

    /// <summary>Queues an alert for its topics; waits while the queue is full (back-pressure on ingestion).</summary>
    public ValueTask EnqueueAsync(Alert alert, string[] topics, CancellationToken cancellationToken) =>
        _queue.Writer.WriteAsync((alert, topics), cancellationToken);

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
        _logger.LogInformation("Publishing livestreams to {Servers}", _options.BootstrapServers);
        await Task.Yield();
        try
        {
            await foreach (var (alert, topics) in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                var message = new Message<byte[], byte[]> { Key = FinkWireFormat.Key, Value = FinkWireFormat.Encode(alert) };
                foreach (var topic in topics)
                    await ProduceAsync(topic, message, alert.Candid, 1, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ProduceAsync(string topic, Message<byte[], byte[]> message, long candid, int attempt, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                _producer!.Produce(topic, message, report => Delivered(report, message, candid, attempt));
                _status.Queued(topic);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                await Task.Delay(50, cancellationToken); // librdkafka's own queue is full: wait for deliveries
            }
        }
    }

    private void Delivered(DeliveryReport<byte[], byte[]> report, Message<byte[], byte[]> message, long candid, int attempt)
    {
        if (!report.Error.IsError)
        {
            _status.Delivered(report.Topic);
            return;
        }
        if (attempt < MaxAttempts && !report.Error.IsFatal)
        {
            _logger.LogWarning("Delivery of alert {Candid} to {Topic} failed ({Reason}); attempt {Next} of {Max}", candid, report.Topic, report.Error.Reason, attempt + 1, MaxAttempts);
            _ = ProduceAsync(report.Topic, message, candid, attempt + 1, CancellationToken.None);
            return;
        }
        _status.Failed(report.Topic, report.Error.Reason);
        _logger.LogError("Alert {Candid} was not delivered to {Topic}: {Reason}", candid, report.Topic, report.Error.Reason);
    }

    /// <summary>Waits until every queued alert has been handed to the producer and delivered (or failed).</summary>
    public async Task FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_queue.Reader.Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20, cancellationToken);
        _producer?.Flush(deadline - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        _producer?.Flush(TimeSpan.FromSeconds(10)); // deliver what is in flight before leaving
        _producer?.Dispose();
        _producer = null;
    }
}
