using FinkTom.Core.Tns;
using FinkTom.Ingest.Decoding;
using FinkTom.Server.Hosting;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Kafka;

/// <summary>A raw ZTF alert gets d:tns from the imported TNS catalogue before the livestreams match it, so Fink's
/// <c>tns_match</c> filter publishes it (the outbox records matches before the store write: tagging must come first).</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaTnsMatchTests(KafkaBroker broker) : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_raw_alert_on_a_classified_TNS_object_reaches_the_tns_match_topic()
    {
        broker.SkipIfUnavailable();
        var catalog = new TnsCatalogFile(StoreRegistration.TnsCatalogPath(new SqliteStoreOptions { DatabasePath = Path.Combine(_data.Path, "finktom.db") }));
        await catalog.ReplaceAsync([new TnsEntry("SN 2026tnsm", 12.5, -30.25, "SN Ia", 0.03, ["ZTF26tnsmtch"])]);
        var near = TestAlerts.Make(9_300_000_001, "ZTF26tnsmtch", 2461100.5, 12.5, -30.25, jdstarthist: 2461098.5);
        var far = TestAlerts.Make(9_300_000_002, "ZTF26farfarx", 2461100.5, 40, 40, jdstarthist: 2461098.5);

        await using (var host = await PublishingHost.StartAsync(_data.Path, broker.BootstrapServers))
        {
            await host.Writer.WriteAsync([near, far], TestContext.Current.CancellationToken);
            Assert.True(await host.Publisher.FlushAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        }

        var decoder = new AlertPayloadDecoder();
        var published = broker.ReadTopic("fink_tns_match_ztf", 1, TimeSpan.FromSeconds(2))
            .Select(m => decoder.DecodeSchemaless(m.Message.Value, System.Text.Encoding.UTF8.GetString(m.Message.Key))).ToList();
        var sent = Assert.Single(published, a => a.Candid == near.Candid);
        Assert.Equal("SN Ia", sent["d:tns"]);
        Assert.DoesNotContain(published, a => a.Candid == far.Candid);
    }

    public void Dispose() => _data.Dispose();
}
