using FinkTom.Kafka;
using FinkTom.Kafka.Ingest;
using FinkTom.Kafka.Publish;
using FinkTom.Livestream;
using FinkTom.Livestream.Filters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Hosting;

public static class LivestreamStatusEndpoint
{
    /// <summary><c>/livestream/status</c>: the livestreams joined with their Kafka transport (consumed streams, the outbox,
    /// counters per topic), in the livestream group; composed here, where both are known.</summary>
    public static RouteGroupBuilder MapLivestreamStatus(this RouteGroupBuilder livestreams)
    {
        livestreams.MapGet("/status", (FilterRegistry registry, LivestreamStatus status, KafkaIngestStatus ingest, AlertSubscriptions subscriptions,
                IOptions<KafkaOptions> kafka, [FromServices] KafkaLivestreamPublisher? publisher) => TypedResults.Ok(new
            {
                kafka = kafka.Value.Enabled ? kafka.Value.BootstrapServers : null,
                outbox = publisher?.Status(),
                filters = registry.Active.Count,
                sse_clients = subscriptions.Count,
                evaluated = status.Evaluated,
                topics = status.Snapshot(),
                ingest = ingest.Snapshot(),
            }))
            .WithSummary("Kafka ingestion (lag, throughput, undecodable messages) and publication counters per topic");
        return livestreams;
    }
}
