using System.Net.Http.Json;
using FinkTom.Core.Validation;
using FinkTom.Tests.Livestream;

namespace FinkTom.Tests.Kafka;

/// <summary>
/// On a real broker: every message of a ZTF filter topic, read as fink-client reads it (schema from the key,
/// schemaless value), carries Fink's whole distribution schema and the alert's values exactly (issue 15 item 2).
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaFinkSchemaTests(KafkaBroker broker)
{
    [Fact]
    public async Task A_fink_client_style_consumer_reads_every_field_of_every_published_alert()
    {
        broker.SkipIfUnavailable();
        var input = "ztf_schema_" + Guid.NewGuid().ToString("N")[..8];
        var settings = broker.Settings();
        settings["Kafka:BootstrapServers"] = broker.BootstrapServers;
        settings["Kafka:Ingest:Topics:0"] = input;
        settings["Kafka:Ingest:GroupId"] = "serve-" + input;
        settings["Kafka:Ingest:MaxBatchWaitMs"] = "50";
        await using var server = new KafkaServerFactory(settings);
        var filterName = "all_" + Guid.NewGuid().ToString("N")[..8];
        (await server.WriterClient().PostAsJsonAsync("/livestream/filters", new { name = filterName, filter = "magpsf gt 0" })).EnsureSuccessStatusCode();

        await broker.ProduceAlertsAsync(input, SampleAlerts.All);
        // What the store keeps, hence what is published: the samples with non-finite values cleared.
        var alerts = SampleAlerts.Read().Where(a => AlertValidation.Check(a).IsValid).ToDictionary(a => a.Candid);
        var topic = broker.ReadTopic($"fink_{filterName}_ztf", alerts.Count, quiet: TimeSpan.FromSeconds(2));

        Assert.Equal(alerts.Count, topic.Count);
        foreach (var message in topic)
        {
            var record = FinkClientReader.Read(message.Message.Key, message.Message.Value);
            FinkClientReader.AssertCarries(alerts[(long)record["candid"]], record);
        }
    }

    private sealed class KafkaServerFactory(Dictionary<string, string?> settings) : LivestreamFactory(settings, samples: false);
}
