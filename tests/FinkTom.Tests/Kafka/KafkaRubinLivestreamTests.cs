using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Kafka.Ingest;
using FinkTom.Store.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst;
using FinkTom.Ingest.Decoding;
using FinkTom.Kafka.Wire;
using FinkTom.Livestream.Filters;
using FinkTom.Tests.Livestream;
using FinkTom.Tests.Support;
using FinkTom.Tests.Surveys.Lsst;

namespace FinkTom.Tests.Kafka;

/// <summary>
/// Rubin livestreams on a real Kafka broker (issue 15 item 3): each Rubin sample reaches exactly the
/// <c>fink_&lt;tag&gt;_lsst</c> topics of the tags it passes, once, in Fink's LSST layout with the schema in the key; a
/// user's LSST filter gets its own topic; ZTF alerts never reach a Rubin topic.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaRubinLivestreamTests(KafkaBroker broker) : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task The_Rubin_samples_reach_the_right_tag_topics_exactly_once_and_a_user_s_LSST_filter_its_own()
    {
        broker.SkipIfUnavailable();
        var rubin = LsstSamples.Read(LsstSamples.DataTransfer);
        // The tag topics have fixed names: other tests of this run publish the same samples to them too.
        var before = LsstTags.All.ToDictionary(t => t.Topic, t => broker.EndOffsets(t.Topic));
        // At most one alert kept in memory for the publisher: the others are read back from the Rubin store.
        await using (var host = await PublishingHost.StartAsync(_data.Path, broker.BootstrapServers, maxQueuedMessages: 1))
        {
            var name = "bright_" + Guid.NewGuid().ToString("N")[..8];
            Assert.Equal(FilterChangeKind.Done, (await host.Filters.AddAsync(name, "psfFlux gt 5000", null, Survey.Lsst, TestContext.Current.CancellationToken)).Kind);
            await host.Writer.WriteAsync([.. rubin, .. SampleAlerts.All.Take(30)], TestContext.Current.CancellationToken);
            await host.Writer.WriteAsync(rubin, TestContext.Current.CancellationToken); // duplicates: published once
            Assert.True(await host.Publisher.FlushAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));

            var bright = rubin.Where(a => a["r:psfFlux"] is float f && f > 5000).Select(a => a.Id).Order().ToList();
            Assert.Equal(bright, Ids(LivestreamFilter.TopicFor(name, Survey.Lsst), bright.Count));
        }

        var passing = 0;
        foreach (var tag in LsstTags.All)
        {
            var expected = rubin.Where(a => a[tag.Column] is true).Select(a => a.Id).Order().ToList();
            passing += expected.Count;
            Assert.Equal(expected, Ids(tag.Topic, expected.Count, before[tag.Topic]));
        }
        Assert.Equal(2, passing); // remove_unlikely_transients passes two of the seven samples
    }

    [Fact]
    public async Task A_second_FinkTom_ingests_a_Rubin_livestream_topic_back_into_equal_alerts()
    {
        broker.SkipIfUnavailable();
        var rubin = LsstSamples.Read(LsstSamples.DataTransfer);
        var name = "chain_" + Guid.NewGuid().ToString("N")[..8];
        await using (var host = await PublishingHost.StartAsync(_data.Path, broker.BootstrapServers))
        {
            Assert.Equal(FilterChangeKind.Done, (await host.Filters.AddAsync(name, "psfFlux ne null", null, Survey.Lsst, TestContext.Current.CancellationToken)).Kind);
            await host.Writer.WriteAsync(rubin, TestContext.Current.CancellationToken);
            Assert.True(await host.Publisher.FlushAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        }

        // The downstream instance reads the topic as any Fink livestream (framing auto: the key holds the schema).
        using var downstream = new TempDirectory();
        var options = new SqliteStoreOptions { DatabasePath = Path.Combine(downstream.Path, "finktom.db") };
        using var ztf = new SqliteAlertStore(options);
        using var lsst = new SqliteAlertStore(options, Survey.Lsst);
        var status = new KafkaIngestStatus();
        await new KafkaAlertIngestor(new SurveyAlertWriter(new Dictionary<Survey, IAlertWriter> { [Survey.Ztf] = ztf, [Survey.Lsst] = lsst }),
                broker.Options(group: name), status, NullLogger.Instance)
            .RunAsync([LivestreamFilter.TopicFor(name, Survey.Lsst)], CancellationToken.None, stopWhenIdle: TimeSpan.FromSeconds(3));

        Assert.Equal(0, status.Poison);
        Assert.Equal(rubin.Count, status.Stored);
        var stored = await lsst.QueryAsync(new AlertQuery { WithCutouts = true }).ToDictionaryAsync(a => a.Id);
        foreach (var alert in rubin)
        {
            var back = stored[alert.Id];
            foreach (var column in Survey.Lsst.Catalog.Stored)
                Assert.True(Equals(alert.Values[column.Ordinal], back.Values[column.Ordinal]), $"{alert.Id} {column.Name}: {alert.Values[column.Ordinal]} became {back.Values[column.Ordinal]}");
            Assert.Equal(alert.Cutouts?.Science, back.Cutouts?.Science);
        }
        var forced = Survey.Lsst.History.Single(k => k.Stored);
        var objects = rubin.Where(a => a["r:diaObjectId"] is long).Select(a => a.ObjectId).Distinct().ToList();
        Assert.Equal(rubin.SelectMany(a => a.Measurements).Where(m => m.Kind == forced).Select(m => m.Id).Distinct().Order(),
            (await lsst.GetMeasurementsAsync(forced, objects)).Select(m => m.Id).Order());
    }

    /// <summary>The diaSourceIds on a topic, decoded as fink-client does: with the schema from each message's key.</summary>
    private List<long> Ids(string topic, int expected, IReadOnlyDictionary<int, long>? after = null)
    {
        var decoder = new AlertPayloadDecoder();
        var messages = broker.ReadTopic(topic, expected, TimeSpan.FromSeconds(expected == 0 ? 1 : 2), after);
        Assert.All(messages, m => Assert.Equal(FinkLsstWireFormat.Key, m.Message.Key));
        var alerts = messages.Select(m => decoder.DecodeSchemaless(m.Message.Value, System.Text.Encoding.UTF8.GetString(m.Message.Key))).ToList();
        Assert.All(alerts, a => Assert.Same(Survey.Lsst, a.Survey));
        return alerts.Select(a => a.Id).Order().ToList();
    }

    public void Dispose() => _data.Dispose();
}
