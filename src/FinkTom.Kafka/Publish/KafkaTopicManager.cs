using System.Collections.Concurrent;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using FinkTom.Livestream.Publication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinkTom.Kafka.Publish;

/// <summary>
/// Creates filter topics with the configured partitions and replication (Kafka's CreateTopics) and deletes them
/// (DeleteTopics) or keeps them as <c>Kafka:Livestream:OnFilterDelete</c> says. A broker too old for these requests
/// (0.9, 0.10.0: <c>api.version.request=false</c> with an older <c>broker.version.fallback</c>) gets the topic through
/// its auto-creation (a request naming the topic creates it, with the broker's defaults) and keeps deleted topics.
/// </summary>
public sealed class KafkaTopicManager : ILivestreamTopics, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly KafkaOptions _options;
    private readonly ILogger<KafkaTopicManager> _logger;
    private readonly Lazy<IAdminClient> _admin;
    private readonly Lazy<IConsumer<byte[], byte[]>> _prober;
    private readonly bool _legacy;
    private int _disposed;

    public KafkaTopicManager(IOptions<KafkaOptions> options, ILogger<KafkaTopicManager> logger)
    {
        _options = options.Value;
        _logger = logger;
        _admin = new(() => new AdminClientBuilder(new AdminClientConfig(new Dictionary<string, string>(_options.Client))
        {
            BootstrapServers = _options.BootstrapServers,
        }).Build());
        _prober = new(() => new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig(new Dictionary<string, string>(_options.Client))
        {
            BootstrapServers = _options.BootstrapServers,
            GroupId = "finktom-topics", // required by the client; never joins a group (no subscription, no commit)
        }).Build());
        _legacy = IsLegacy(_options.Client);
    }

    /// <summary>librdkafka told the broker is older than 0.10.1, which has no CreateTopics or DeleteTopics.</summary>
    public static bool IsLegacy(IReadOnlyDictionary<string, string> client) =>
        client.TryGetValue("api.version.request", out var request) && request.Equals("false", StringComparison.OrdinalIgnoreCase)
        && client.TryGetValue("broker.version.fallback", out var fallback) && Version.TryParse(fallback, out var version)
        && version < new Version(0, 10, 1);

    /// <summary>The last outcome per topic (for tests and diagnostics).</summary>
    public ConcurrentDictionary<string, TopicOutcome> Outcomes { get; } = new(StringComparer.Ordinal);

    Task ILivestreamTopics.FilterCreatedAsync(string topic, CancellationToken cancellationToken) => EnsureAsync(topic, cancellationToken);

    Task ILivestreamTopics.FilterDeletedAsync(string topic, CancellationToken cancellationToken) => RemoveAsync(topic);

    public async Task<TopicOutcome> EnsureAsync(string topic, CancellationToken cancellationToken = default)
    {
        if (_legacy)
            return Record(topic, await AutoCreateAsync(topic, cancellationToken));
        var livestream = _options.Livestream;
        var spec = new TopicSpecification { Name = topic, NumPartitions = livestream.Partitions, ReplicationFactor = (short)livestream.ReplicationFactor };
        try
        {
            await _admin.Value.CreateTopicsAsync([spec], new CreateTopicsOptions { RequestTimeout = Timeout, OperationTimeout = Timeout });
            return Record(topic, TopicOutcome.Created);
        }
        catch (CreateTopicsException e) when (e.Results[0].Error.Code == ErrorCode.TopicAlreadyExists)
        {
            return Record(topic, TopicOutcome.Existed);
        }
        catch (KafkaException e) when (Unsupported(e))
        {
            return Record(topic, await AutoCreateAsync(topic, cancellationToken));
        }
        catch (KafkaException e)
        {
            _logger.LogWarning("Could not create livestream topic {Topic}: {Reason}; the first published message may create it", topic, Reason(e));
            return Record(topic, TopicOutcome.Failed);
        }
    }

    public async Task<TopicOutcome> RemoveAsync(string topic)
    {
        if (!_options.Livestream.DeleteTopics)
        {
            _logger.LogInformation("Filter deleted; its topic {Topic} is kept (Kafka:Livestream:OnFilterDelete=keep)", topic);
            return Record(topic, TopicOutcome.Kept);
        }
        if (_legacy)
            return KeptByOldBroker(topic);
        try
        {
            await _admin.Value.DeleteTopicsAsync([topic], new DeleteTopicsOptions { RequestTimeout = Timeout, OperationTimeout = Timeout });
            _logger.LogInformation("Filter deleted with its topic {Topic}", topic);
            return Record(topic, TopicOutcome.Deleted);
        }
        catch (DeleteTopicsException e) when (e.Results[0].Error.Code == ErrorCode.UnknownTopicOrPart)
        {
            return Record(topic, TopicOutcome.Deleted);
        }
        catch (KafkaException e) when (Unsupported(e))
        {
            return KeptByOldBroker(topic);
        }
        catch (KafkaException e)
        {
            _logger.LogWarning("Filter deleted; its topic {Topic} could not be deleted: {Reason}", topic, Reason(e));
            return Record(topic, TopicOutcome.Failed);
        }
    }

    /// <summary>Asking an old broker for a partition's offsets names the topic, which makes it create the topic
    /// (auto.create.topics.enable); the answer comes once the partition has a leader.</summary>
    private async Task<TopicOutcome> AutoCreateAsync(string topic, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Run(() => _prober.Value.QueryWatermarkOffsets(new TopicPartition(topic, 0), TimeSpan.FromSeconds(2)));
                return TopicOutcome.AutoCreated;
            }
            catch (KafkaException)
            {
                // the first answer about a topic being created carries no leader yet: ask again
            }
            await Task.Delay(200, CancellationToken.None);
        }
        _logger.LogWarning("Livestream topic {Topic} was not created: the broker has no CreateTopics and did not auto-create it (auto.create.topics.enable)", topic);
        return TopicOutcome.Failed;
    }

    private TopicOutcome KeptByOldBroker(string topic)
    {
        _logger.LogWarning("Filter deleted; its topic {Topic} is kept: this broker cannot delete topics (Kafka 0.10.1 or later can)", topic);
        return Record(topic, TopicOutcome.Kept);
    }

    private static bool Unsupported(KafkaException e) => Codes(e).Any(c => c is ErrorCode.Local_UnsupportedFeature or ErrorCode.UnsupportedVersion);

    private static IEnumerable<ErrorCode> Codes(KafkaException e) => e switch
    {
        CreateTopicsException c => c.Results.Select(r => r.Error.Code).Append(e.Error.Code),
        DeleteTopicsException d => d.Results.Select(r => r.Error.Code).Append(e.Error.Code),
        _ => [e.Error.Code],
    };

    private static string Reason(KafkaException e) => e switch
    {
        CreateTopicsException c => c.Results[0].Error.Reason,
        DeleteTopicsException d => d.Results[0].Error.Reason,
        _ => e.Error.Reason,
    };

    private TopicOutcome Record(string topic, TopicOutcome outcome) => Outcomes[topic] = outcome;

    public void Dispose()
    {
        // Registered twice (itself and as ILivestreamTopics), so disposed twice; the admin client allows it once.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (_admin.IsValueCreated)
            _admin.Value.Dispose();
        if (_prober.IsValueCreated)
            _prober.Value.Dispose();
    }
}
