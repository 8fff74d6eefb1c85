using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using FinkTom.Core.Model;
using FinkTom.Core.Store;
using FinkTom.Ingest.Decoding;
using FinkTom.Kafka.Publish;
using FinkTom.Livestream;
using FinkTom.Livestream.Filters;
using FinkTom.Livestream.Publication;
using FinkTom.Tests.Livestream;
using FinkTom.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FinkTom.Tests.Kafka;

/// <summary>
/// The livestream outbox against a real Kafka 0.9 broker: what was stored but not delivered when the process stopped
/// is published by the next start exactly once; delivered messages are not sent again by a restart; an outage makes
/// the outbox grow on disk, and it drains when the broker is back.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaOutboxTests(KafkaBroker broker) : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static string NewFilter(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A broker address where nothing listens: the producer cannot deliver anything.</summary>
    private static string Unreachable => $"127.0.0.1:{LoopbackPort.Free()}";

    [Fact]
    public async Task An_alert_stored_but_not_delivered_when_the_process_stopped_is_published_once_by_the_next_start()
    {
        broker.SkipIfUnavailable();
        var filter = NewFilter("crash");
        var topic = LivestreamFilter.TopicFor(filter);
        var alerts = SampleAlerts.All.Take(30).ToList();

        // First run: the broker is unreachable, so nothing can be acknowledged before the process goes away.
        await using (var first = await PublishingHost.StartAsync(_data.Path, Unreachable))
        {
            await first.AddFilterAsync(filter, "magpsf gt 0");
            var written = await first.Writer.WriteAsync(alerts);
            Assert.Equal(alerts.Count, written.Stored);
            var owed = first.Outbox.Read(0, long.MaxValue, 100_000);
            Assert.Equal(alerts.Select(a => a.Candid).Order(), owed.Where(r => r.Topic == topic).Select(r => r.Candid).Order());
            await first.StopAsync(TimeSpan.FromMilliseconds(300));
            Assert.Equal(owed.Count, first.Outbox.Depth); // nothing delivered, nothing forgotten
        }

        // Second run, same data folder, broker reachable: the outbox is published before anything new.
        long recovered;
        await using (var second = await PublishingHost.StartAsync(_data.Path, broker.BootstrapServers))
        {
            recovered = second.Publisher.Recovered;
            Assert.True(recovered >= alerts.Count, $"recovered {recovered}");
            Assert.True(await second.Publisher.FlushAsync(TimeSpan.FromSeconds(60)), $"outbox still holds {second.Outbox.Depth}");
        }
        var messages = broker.ReadTopic(topic, alerts.Count, quiet: TimeSpan.FromSeconds(2));
        var decoder = new AlertPayloadDecoder();
        var published = messages.Select(m => decoder.DecodeSchemaless(m.Message.Value, System.Text.Encoding.UTF8.GetString(m.Message.Key))).ToList();
        Assert.Equal(alerts.Count, published.Count); // once each
        Assert.True(alerts.Select(a => a.Candid).ToHashSet().SetEquals(published.Select(a => a.Candid)));
        // Read back from the store: the values, the stamps and the history before the alert are those of the packet.
        foreach (var copy in published)
        {
            var original = alerts.Single(a => a.Candid == copy.Candid);
            Assert.Equal(original["i:magpsf"], copy["i:magpsf"]);
            Assert.Equal(original["d:cdsxmatch"], copy["d:cdsxmatch"]);
            Assert.Equal(original.Cutouts?.Science?.Length, copy.Cutouts?.Science?.Length);
            Assert.Subset(copy.History.Select(p => p.Jd).ToHashSet(), original.History.Where(p => p.Jd >= original.Jd - 30).Select(p => p.Jd).ToHashSet());
            Assert.All(copy.History, p => Assert.True(p.Jd < original.Jd));
        }

        // Third run: everything was acknowledged, so a restart sends nothing again.
        await using (var third = await PublishingHost.StartAsync(_data.Path, broker.BootstrapServers))
        {
            Assert.Equal(0, third.Publisher.Recovered);
            Assert.Equal(0, third.Outbox.Depth);
        }
        Assert.Equal(alerts.Count, broker.ReadTopic(topic, alerts.Count, quiet: TimeSpan.FromSeconds(2)).Count);
    }

    [Fact]
    public async Task Delivered_alerts_leave_the_outbox_and_a_repeat_of_the_stream_publishes_nothing()
    {
        broker.SkipIfUnavailable();
        var filter = NewFilter("deliv");
        var alerts = SampleAlerts.All.Skip(30).Take(20).ToList();
        await using (var host = await PublishingHost.StartAsync(_data.Path, broker.BootstrapServers))
        {
            await host.AddFilterAsync(filter, "magpsf gt 0");
            await host.Writer.WriteAsync(alerts);
            Assert.True(await host.Publisher.FlushAsync(TimeSpan.FromSeconds(30)));
            var repeat = await host.Writer.WriteAsync(alerts); // duplicates: their rows are dropped at once
            Assert.Equal(alerts.Count, repeat.Duplicates);
            Assert.Equal(0, host.Outbox.Depth);
        }
        await using (var restarted = await PublishingHost.StartAsync(_data.Path, broker.BootstrapServers))
            Assert.Equal(0, restarted.Publisher.Recovered);
        Assert.Equal(alerts.Count, broker.ReadTopic(LivestreamFilter.TopicFor(filter), alerts.Count, TimeSpan.FromSeconds(2)).Count);
    }

    [Fact]
    public async Task A_write_that_failed_after_reaching_the_store_is_published_once_when_it_is_retried()
    {
        broker.SkipIfUnavailable();
        var filter = NewFilter("retry");
        var alerts = SampleAlerts.All.Skip(50).Take(10).ToList();
        await using var host = await PublishingHost.StartAsync(_data.Path, broker.BootstrapServers);
        await host.AddFilterAsync(filter, "magpsf gt 0");
        var sqlite = ((LivestreamWriter)((FinkTom.Core.Tns.TnsTaggingWriter)host.Writer).Inner).Inner; // TNS tagging, then the livestreams
        var flaky = new LivestreamWriter(new FailsOnceAfterStoring(sqlite), host.Services.GetRequiredService<LivestreamHub>(),
            host.Services.GetRequiredService<PublicationHandoff>());

        await Assert.ThrowsAsync<IOException>(() => flaky.WriteAsync(alerts)); // stored, but the caller sees an error...
        var retry = await flaky.WriteAsync(alerts);                           // ...and retries: all duplicates now
        Assert.Equal(alerts.Count, retry.Duplicates);

        Assert.True(await host.Publisher.FlushAsync(TimeSpan.FromSeconds(30)));
        var messages = broker.ReadTopic(LivestreamFilter.TopicFor(filter), alerts.Count, TimeSpan.FromSeconds(2));
        Assert.Equal(alerts.Select(a => a.Candid).Order(), messages.Select(m => Candid(m)).Order());
    }

    [Fact]
    public async Task During_a_broker_outage_the_outbox_grows_on_disk_and_ingestion_goes_on_then_it_drains_exactly_once()
    {
        broker.SkipIfUnavailable();
        var filter = NewFilter("outage");
        var topic = LivestreamFilter.TopicFor(filter);
        var before = SampleAlerts.All.Skip(60).Take(10).ToList();
        var during = SampleAlerts.All.Skip(70).Take(60).ToList();
        await using var host = await PublishingHost.StartAsync(_data.Path, broker.BootstrapServers, maxQueuedMessages: 5);
        await host.AddFilterAsync(filter, "magpsf gt 0");
        await host.Writer.WriteAsync(before);
        Assert.True(await host.Publisher.FlushAsync(TimeSpan.FromSeconds(30)));

        await broker.StopAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            foreach (var chunk in during.Chunk(10))
                Assert.Equal(chunk.Length, (await host.Writer.WriteAsync(chunk)).Stored);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "ingestion does not wait for the broker");
            await Task.Delay(1000);
            var owed = host.Outbox.Read(0, long.MaxValue, 100_000);
            Assert.Equal(during.Select(a => a.Candid).Order(), owed.Where(r => r.Topic == topic).Select(r => r.Candid).Order());
            Assert.InRange(host.Publisher.InFlight, 0, 5); // memory stays bounded: the rest waits on disk
        }
        finally
        {
            await broker.RestartAsync();
        }

        Assert.True(await host.Publisher.FlushAsync(TimeSpan.FromSeconds(120)), $"outbox still holds {host.Outbox.Depth}");
        var messages = broker.ReadTopic(topic, before.Count + during.Count, TimeSpan.FromSeconds(3));
        var candids = messages.Select(Candid).ToList();
        Assert.Equal(candids.Count, candids.Distinct().Count());
        Assert.True(before.Concat(during).Select(a => a.Candid).ToHashSet().SetEquals(candids));
    }

    private static long Candid(ConsumeResult<byte[], byte[]> message) =>
        new AlertPayloadDecoder().DecodeSchemaless(message.Message.Value, System.Text.Encoding.UTF8.GetString(message.Message.Key)).Candid;

    /// <summary>The real store, whose first write reaches the database and then reports a failure (a lost answer).</summary>
    private sealed class FailsOnceAfterStoring(IAlertWriter inner) : IAlertWriter
    {
        private bool _failed;

        public async Task<StoreWriteResult> WriteAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken = default)
        {
            var result = await inner.WriteAsync(alerts, cancellationToken);
            if (_failed)
                return result;
            _failed = true;
            throw new IOException("simulated: the write reached the database but its answer was lost");
        }
    }
}

/// <summary>The outbox as users see it over HTTP, with a broker that cannot be reached (no broker needed).</summary>
public sealed class OutboxStatusApiTests
{
    [Fact]
    public async Task Health_and_livestream_status_show_the_messages_owed_while_the_broker_is_unreachable()
    {
        await using var server = new UnreachableKafkaServer();
        (await server.WriterClient().PostAsJsonAsync("/livestream/filters", new { name = "every_alert", filter = "magpsf gt 0" })).EnsureSuccessStatusCode();
        var alerts = SampleAlerts.All.Take(5).ToList();
        await server.Writer.WriteAsync(alerts);
        var owed = server.Services.GetRequiredService<KafkaLivestreamPublisher>().Outbox.Depth;
        Assert.True(owed >= alerts.Count, $"{owed} rows"); // every_alert takes all five, built-in filters maybe more

        var client = server.CreateClient();
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        var status = await client.GetFromJsonAsync<JsonElement>("/livestream/status");

        Assert.Equal(owed, health.GetProperty("outbox").GetProperty("depth").GetInt64());
        Assert.Equal(owed, status.GetProperty("outbox").GetProperty("depth").GetInt64());
        Assert.Equal(Path.Combine(Path.GetDirectoryName(server.DatabasePath)!, "livestream-outbox.db"),
            status.GetProperty("outbox").GetProperty("path").GetString());
        Assert.InRange(status.GetProperty("outbox").GetProperty("inFlight").GetInt32(), 0, (int)owed);
    }

    private sealed class UnreachableKafkaServer() : LivestreamFactory(new Dictionary<string, string?>(
        KafkaBroker.ClientSettings.ToDictionary(p => "Kafka:Client:" + p.Key, p => (string?)p.Value))
    {
        ["Kafka:BootstrapServers"] = $"127.0.0.1:{LoopbackPort.Free()}",
        ["shutdownTimeoutSeconds"] = "1",
    }, samples: false)
    {
    }
}
