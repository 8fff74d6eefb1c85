using System.Diagnostics;
using System.Net.Http.Json;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Ingest.Decoding;
using FinkTom.Kafka.Ingest;
using FinkTom.Tests.Livestream;
using Microsoft.Extensions.DependencyInjection;

namespace FinkTom.Tests.Kafka;

/// <summary>
/// End to end on a real broker: `finktom serve` consuming an input topic (Fink's encoding), storing, matching and
/// republishing on filter topics; what comes out decodes with the schema in the key, is exactly the matching alerts,
/// and the SSE stream carries the same alerts.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaLivestreamTests(KafkaBroker broker)
{
    [Fact]
    public async Task Filter_topics_and_the_SSE_stream_receive_exactly_the_matching_new_alerts()
    {
        broker.SkipIfUnavailable();
        var input = "ztf_in_" + Guid.NewGuid().ToString("N")[..8];
        var filterName = "bright_" + Guid.NewGuid().ToString("N")[..8];
        var settings = broker.Settings();
        settings["Kafka:BootstrapServers"] = broker.BootstrapServers;
        settings["Kafka:Ingest:Topics:0"] = input;
        settings["Kafka:Ingest:GroupId"] = "serve-" + input;
        settings["Kafka:Ingest:MaxBatchWaitMs"] = "50";
        await using var server = new KafkaServerFactory(settings);
        var writer = server.WriterClient();
        (await writer.PostAsJsonAsync("/livestream/filters", new { name = filterName, filter = "magpsf lt 18 and fid eq 1" })).EnsureSuccessStatusCode();
        using var sse = await server.CreateClient().GetAsync($"/livestream/filters/{filterName}/stream", HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await sse.Content.ReadAsStreamAsync());

        var alerts = SampleAlerts.All;
        var expected = alerts.Where(a => a["i:magpsf"] is float m && m < 18 && a["i:fid"] is 1).Select(a => a.Candid).ToHashSet();
        string[] notSimbad = ["Unknown", "Transient", "Fail", "Fail 504"];
        var expectedSimbad = alerts.Where(a => a["d:cdsxmatch"] is string x && !notSimbad.Contains(x)).Select(a => a.Candid).ToHashSet();
        Assert.True(expected.Count > 0 && expectedSimbad.Count > 0, "the samples should exercise both filters");

        var clock = Stopwatch.StartNew();
        await broker.ProduceAlertsAsync(input, alerts);
        await broker.ProduceAlertsAsync(input, alerts.Take(50)); // the stream repeats itself: not stored nor published twice
        var received = await LivestreamApiTests.ReadEventsAsync(events, expected.Count, TimeSpan.FromSeconds(60));
        var sseSeconds = clock.Elapsed.TotalSeconds;
        var topic = broker.ReadTopic($"fink_{filterName}_ztf", expected.Count, quiet: TimeSpan.FromSeconds(2));
        var simbad = broker.ReadTopic("fink_simbad_candidates_ztf", expectedSimbad.Count, quiet: TimeSpan.FromSeconds(2));

        var decoder = new AlertPayloadDecoder();
        var published = topic.Select(m => decoder.DecodeSchemaless(m.Message.Value, System.Text.Encoding.UTF8.GetString(m.Message.Key))).ToList();
        Assert.Equal(expected.Count, published.Count); // nothing twice
        Assert.True(expected.SetEquals(published.Select(a => a.Candid)));
        var original = alerts.First(a => a.Candid == published[0].Candid);
        Assert.Equal(original["i:magpsf"], published[0]["i:magpsf"]);
        Assert.Equal(original.History.Count, published[0].History.Count);
        Assert.True(expectedSimbad.SetEquals(simbad.Select(m => decoder.DecodeSchemaless(m.Message.Value, System.Text.Encoding.UTF8.GetString(m.Message.Key)).Candid)));
        Assert.True(expected.SetEquals(received.Select(e => e.GetProperty("i:candid").GetInt64())));

        var status = server.Services.GetRequiredService<KafkaIngestStatus>().Snapshot();
        Assert.Equal(alerts.Count + 50, status.Messages);
        Assert.Equal(alerts.Count, status.Stored);
        Assert.Equal(50, status.Duplicates);
        Assert.Equal(alerts.Count, await server.Store.CountAsync(new AlertQuery()));
        var health = await server.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/health");
        Assert.Equal(alerts.Count, health.GetProperty("kafka").GetProperty("stored").GetInt64());
        TestContext.Current.SendDiagnosticMessage(
            $"Kafka in → store → filters → SSE: {alerts.Count} alerts in {sseSeconds:F2} s ({alerts.Count / sseSeconds:F0} alerts/s)");
    }

    [Fact]
    public async Task One_alert_goes_from_the_input_topic_to_its_filter_topic_once_the_stream_runs()
    {
        broker.SkipIfUnavailable();
        var input = "ztf_one_" + Guid.NewGuid().ToString("N")[..8];
        var settings = broker.Settings();
        settings["Kafka:BootstrapServers"] = broker.BootstrapServers;
        settings["Kafka:Ingest:Topics:0"] = input;
        settings["Kafka:Ingest:GroupId"] = "serve-" + input;
        settings["Kafka:Ingest:MaxBatchWaitMs"] = "20";
        await using var server = new KafkaServerFactory(settings);
        var filterName = "one_" + Guid.NewGuid().ToString("N")[..8];
        (await server.WriterClient().PostAsJsonAsync("/livestream/filters", new { name = filterName, filter = "magpsf gt 0" })).EnsureSuccessStatusCode();
        var first = SampleAlerts.All[0];
        await broker.ProduceAlertsAsync(input, [first]); // warm-up: topic creation and group join are one-off costs
        Assert.Single(broker.ReadTopic($"fink_{filterName}_ztf", 1, TimeSpan.FromSeconds(1)));

        using var consumer = new Confluent.Kafka.ConsumerBuilder<byte[], byte[]>(new Confluent.Kafka.ConsumerConfig(broker.Config())
        {
            GroupId = "latency-" + filterName, AutoOffsetReset = Confluent.Kafka.AutoOffsetReset.Latest,
        }).Build();
        consumer.Assign(new Confluent.Kafka.TopicPartitionOffset($"fink_{filterName}_ztf", 0, Confluent.Kafka.Offset.End));
        consumer.Consume(TimeSpan.FromMilliseconds(500)); // let the assignment settle at the end of the topic
        var clock = Stopwatch.StartNew();
        await broker.ProduceAlertsAsync(input, [SampleAlerts.All[1]]);
        var message = consumer.Consume(TimeSpan.FromSeconds(10));
        var latency = clock.Elapsed;
        Assert.NotNull(message);
        Assert.Equal(SampleAlerts.All[1].Candid, new AlertPayloadDecoder().DecodeSchemaless(message.Message.Value, FinkTom.Kafka.Wire.FinkWireFormat.SchemaJson).Candid);
        TestContext.Current.SendDiagnosticMessage($"One alert, input topic → filter topic: {latency.TotalMilliseconds:F0} ms");
    }

    private sealed class KafkaServerFactory(Dictionary<string, string?> settings) : LivestreamFactory(settings, samples: false);
}
