using Confluent.Kafka;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Ingest.Files;
using FinkTom.Kafka.Ingest;
using FinkTom.Kafka.Wire;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Livestream;
using FinkTom.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinkTom.Tests.Kafka;

/// <summary>Kafka ingestion against a real broker: at-least-once with an idempotent store, poison messages skipped.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaIngestTests(KafkaBroker broker) : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Alerts_arrive_in_the_store_exactly_once_across_a_consumer_restart_and_a_failed_write()
    {
        broker.SkipIfUnavailable();
        var topic = "ingest_" + Guid.NewGuid().ToString("N")[..8];
        var alerts = SampleAlerts.All.Take(120).ToList();
        await broker.ProduceAlertsAsync(topic, alerts);
        var sqlite = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = Path.Combine(_data.Path, "a.db") });

        // First consumer: stops (is "killed") right after its first committed batch of 40.
        var first = new KafkaIngestStatus();
        using (var stop = new CancellationTokenSource())
        {
            var store = new CallbackStore(sqlite, afterWrite: () => stop.Cancel());
            await new KafkaAlertIngestor(store, broker.Options(batchSize: 40), first, NullLogger.Instance).RunAsync([topic], stop.Token);
        }
        Assert.InRange(first.Stored, 40, 119);

        // Second consumer, same group: its first write reaches the database but "crashes" before returning, so the
        // batch is retried; the store's idempotence turns the repeat into duplicates, nothing is stored twice.
        var second = new KafkaIngestStatus();
        var crashing = new CallbackStore(sqlite, afterWrite: null, failFirstWriteAfterStoring: true);
        await new KafkaAlertIngestor(crashing, broker.Options(batchSize: 40), second, NullLogger.Instance)
            .RunAsync([topic], CancellationToken.None, stopWhenIdle: TimeSpan.FromSeconds(3));

        Assert.True(alerts.Count == await sqlite.CountAsync(new AlertQuery()), $"first {first.Snapshot()}, second {second.Snapshot()}");
        Assert.Equal(alerts.Count - first.Messages, second.Messages); // resumed at the committed offset: nothing re-read
        Assert.Equal(40, second.Duplicates); // exactly the batch whose write was retried
        Assert.Equal(alerts.Count, first.Stored + second.Stored + second.Duplicates);
        var stored = new HashSet<long>();
        await foreach (var a in sqlite.QueryAsync(new AlertQuery { Columns = ["i:candid"] }))
            Assert.True(stored.Add(a.Candid));
        Assert.True(alerts.Select(a => a.Candid).ToHashSet().SetEquals(stored));
    }

    [Fact]
    public async Task A_poison_message_is_counted_with_its_offset_and_skipped_and_ZTF_containers_are_decoded()
    {
        broker.SkipIfUnavailable();
        var topic = "poison_" + Guid.NewGuid().ToString("N")[..8];
        var file = AlertFileFinder.Find([TestPaths.Samples], _ => { }).OrderBy(f => f.Length).First();
        var fromFile = new AlertFileReader().Read(file.FullName, _ => { }).ToList();
        var good = SampleAlerts.All.Where(a => fromFile.All(f => f.Candid != a.Candid)).Take(2).ToList();
        using (var producer = broker.Producer())
        {
            producer.Produce(topic, new Message<byte[], byte[]> { Key = FinkWireFormat.Key, Value = FinkWireFormat.Encode(good[0]) });
            producer.Produce(topic, new Message<byte[], byte[]> { Key = "not a schema"u8.ToArray(), Value = [1, 2, 3, 4] });
            producer.Produce(topic, new Message<byte[], byte[]> { Key = FinkWireFormat.Key, Value = [7, 7, 7] }); // truncated Avro
            producer.Produce(topic, new Message<byte[], byte[]> { Key = null!, Value = File.ReadAllBytes(file.FullName) }); // ZTF: an Avro container
            producer.Produce(topic, new Message<byte[], byte[]> { Key = FinkWireFormat.Key, Value = FinkWireFormat.Encode(good[1]) });
            producer.Flush(TimeSpan.FromSeconds(30));
        }
        var sqlite = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = Path.Combine(_data.Path, "p.db") });
        var status = new KafkaIngestStatus();
        await new KafkaAlertIngestor(sqlite, broker.Options(group: "poison"), status, NullLogger.Instance)
            .RunAsync([topic], CancellationToken.None, stopWhenIdle: TimeSpan.FromSeconds(3));

        Assert.Equal(5, status.Messages);
        Assert.Equal(2, status.Poison);
        Assert.StartsWith($"{topic} [0] @2", status.LastPoison);
        Assert.Equal(2 + fromFile.Count, await sqlite.CountAsync(new AlertQuery()));
        Assert.Equal(1, await sqlite.CountAsync(new AlertQuery { Candid = good[1].Candid }));
    }

    public void Dispose() => _data.Dispose();

    /// <summary>The real store with hooks: a callback after each successful write, or one failure after the data is in.</summary>
    private sealed class CallbackStore(IAlertWriter inner, Action? afterWrite, bool failFirstWriteAfterStoring = false) : IAlertWriter
    {
        private bool _failed;

        public async Task<StoreWriteResult> WriteAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken = default)
        {
            var result = await inner.WriteAsync(alerts, cancellationToken);
            if (failFirstWriteAfterStoring && !_failed)
            {
                _failed = true;
                throw new IOException("simulated crash after the write reached the database");
            }
            afterWrite?.Invoke();
            return result;
        }
    }
}
