using System.Diagnostics;
using Confluent.Kafka;
using FinkTom.Ingest.Decoding;
using FinkTom.Kafka.Ingest;
using FinkTom.Kafka.Publish;
using FinkTom.Livestream.Filters;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Livestream;
using FinkTom.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinkTom.Tests.Kafka;

/// <summary>Filter topics follow the filters (created with them, deleted or kept with them); input topics created late are found.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaTopicLifecycleTests(KafkaBroker broker) : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_consumer_subscribed_to_a_new_filter_before_any_match_gets_the_first_matching_alert_without_error()
    {
        broker.SkipIfUnavailable();
        await using var host = await PublishingHost.StartAsync(_data.Path, broker.BootstrapServers);
        var name = "early_" + Guid.NewGuid().ToString("N")[..8];
        await host.AddFilterAsync(name, "magpsf gt 0");
        var topic = LivestreamFilter.TopicFor(name);
        Assert.Contains(topic, ListTopics()); // exists now, before any message (listing all topics creates none)

        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig(broker.Config())
        {
            GroupId = "early-" + name, AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        Assert.Null(consumer.Consume(TimeSpan.FromSeconds(2))); // subscribed, nothing yet, and no UNKNOWN_TOPIC_OR_PART
        var alert = SampleAlerts.All[0];
        await host.Writer.WriteAsync([alert], TestContext.Current.CancellationToken);
        ConsumeResult<byte[], byte[]>? message = null;
        var clock = Stopwatch.StartNew();
        while (message is null && clock.Elapsed < TimeSpan.FromSeconds(20))
            message = consumer.Consume(TimeSpan.FromMilliseconds(500)); // a ConsumeException fails the test
        Assert.NotNull(message);
        Assert.Equal(alert.Candid, new AlertPayloadDecoder().DecodeSchemaless(message.Message.Value, FinkTom.Kafka.Wire.FinkWireFormat.SchemaJson).Candid);
        consumer.Close();
    }

    [Fact]
    public async Task Every_built_in_filter_topic_exists_from_the_start()
    {
        broker.SkipIfUnavailable();
        await using var host = await PublishingHost.StartAsync(_data.Path, broker.BootstrapServers);
        var expected = BuiltInFilters.All.Select(f => LivestreamFilter.TopicFor(f.Name, f.Survey ?? FinkTom.Core.Surveys.Survey.Ztf)).ToList();
        Assert.Contains("fink_in_tns_lsst", expected); // Rubin's tags too
        var clock = Stopwatch.StartNew();
        while (expected.Any(t => !host.Topics.Outcomes.ContainsKey(t)) && clock.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Empty(expected.Except(ListTopics()));
        Assert.DoesNotContain(TopicOutcome.Failed, expected.Select(t => host.Topics.Outcomes.GetValueOrDefault(t, TopicOutcome.Failed)));
    }

    [Theory]
    [InlineData("keep")]
    [InlineData("delete")]
    public async Task Deleting_a_filter_deletes_or_keeps_its_topic_as_configured(string onDelete)
    {
        broker.SkipIfUnavailable();
        await using var host = await PublishingHost.StartAsync(_data.Path, broker.BootstrapServers,
            extra: new Dictionary<string, string?> { ["Kafka:Livestream:OnFilterDelete"] = onDelete });
        var name = "gone_" + Guid.NewGuid().ToString("N")[..8];
        var topic = LivestreamFilter.TopicFor(name);
        await host.AddFilterAsync(name, "magpsf gt 0");
        Assert.Contains(topic, ListTopics());

        Assert.Equal(FilterChangeKind.Done, (await host.Filters.DeleteAsync(name, TestContext.Current.CancellationToken)).Kind);

        var outcome = host.Topics.Outcomes[topic];
        if (onDelete == "keep")
        {
            Assert.Equal(TopicOutcome.Kept, outcome);
            Assert.Contains(topic, ListTopics());
            return;
        }
        // Kafka 0.9 (the test broker) has no DeleteTopics: the topic is kept and a warning says why; 0.10.1+ deletes it.
        Assert.Contains(outcome, new[] { TopicOutcome.Deleted, TopicOutcome.Kept });
        TestContext.Current.SendDiagnosticMessage($"OnFilterDelete=delete on this broker: {outcome}");
        if (outcome == TopicOutcome.Deleted)
        {
            var clock = Stopwatch.StartNew();
            while (ListTopics().Contains(topic) && clock.Elapsed < TimeSpan.FromSeconds(20))
                await Task.Delay(200, TestContext.Current.CancellationToken);
            Assert.DoesNotContain(topic, ListTopics());
        }
    }

    [Fact]
    public async Task An_input_topic_created_after_the_start_is_ingested_within_seconds()
    {
        broker.SkipIfUnavailable();
        var topic = "late_" + Guid.NewGuid().ToString("N")[..8];
        var options = broker.Options(batchSize: 10);
        options.Client.Remove("topic.metadata.refresh.interval.ms"); // FinkTom's own default applies
        var store = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = Path.Combine(_data.Path, "late.db") });
        var status = new KafkaIngestStatus();
        using var stop = new CancellationTokenSource();
        var run = new KafkaAlertIngestor(store, options, status, NullLogger.Instance).RunAsync([topic], stop.Token);
        // Subscribed to a topic that does not exist. Caveat: a 0.9 broker auto-creates a topic its consumer asks about,
        // so here this passes with librdkafka's 5-minute refresh too; on a broker that does not, the refresh is what finds it.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        await broker.ProduceAlertsAsync(topic, SampleAlerts.All.Take(5));
        var clock = Stopwatch.StartNew();
        while (status.Stored < 5 && clock.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(100, TestContext.Current.CancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await run;
        Assert.Equal(5, status.Stored);
        Assert.True(seconds < 10, $"found after {seconds:F1} s");
        TestContext.Current.SendDiagnosticMessage($"Input topic created after the start: stored {seconds:F1} s after production");
    }

    [Theory]
    [InlineData("Kafka:Ingest:Topics:0", "ztf public", "Kafka:Ingest:Topics: 'ztf public' is not a Kafka topic name: ' ' is not allowed")]
    [InlineData("Kafka:Livestream:OnFilterDelete", "archive", "Kafka:Livestream:OnFilterDelete must be delete or keep, not 'archive'.")]
    [InlineData("Kafka:Livestream:Partitions", "0", "Kafka:Livestream:Partitions must be between 1 and 10000, not 0.")]
    [InlineData("Kafka:Livestream:ReplicationFactor", "0", "Kafka:Livestream:ReplicationFactor must be at least 1, not 0.")]
    public async Task Invalid_topic_settings_refuse_the_start_with_one_line(string key, string value, string problem)
    {
        var refusal = await ServerStart.RefusalAsync(("Kafka:BootstrapServers", "127.0.0.1:1"), (key, value));
        Assert.Contains(problem, refusal);
        Assert.DoesNotContain('\n', refusal);
    }

    private IReadOnlyCollection<string> ListTopics()
    {
        using var admin = new AdminClientBuilder(broker.Config()).Build();
        return admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Where(t => !t.Error.IsError).Select(t => t.Topic).ToHashSet();
    }

    public void Dispose() => _data.Dispose();
}
