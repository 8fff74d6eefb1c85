using FinkTom.Core.Store;
using FinkTom.Core.Time;
using FinkTom.Kafka.Ingest;
using FinkTom.Kafka.Publish;
using FinkTom.Livestream.Publication;
using Microsoft.AspNetCore.Mvc;

namespace FinkTom.Server.Hosting;

public static class HealthEndpoint
{
    public sealed record Health(string Status, string Backend, long Alerts, long Objects, string? FirstAlert, string? LastAlert)
    {
        /// <summary>Kafka ingestion (lag, throughput, undecodable messages) when it runs.</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public KafkaIngestSnapshot? Kafka { get; init; }

        /// <summary>The Rubin/LSST store: alerts, objects and the span of their times (MJD, TAI).</summary>
        public RubinHealth? Rubin { get; init; }

        /// <summary>Livestream publications owed to Kafka (the outbox) when Kafka output is configured.</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public OutboxStatus? Outbox { get; init; }
    }

    public sealed record RubinHealth(string Backend, long Alerts, long Objects, double? FirstMjdTai, double? LastMjdTai);

    /// <summary><c>/health</c>: 200 with the store's size when it answers, 503 when it does not.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", async Task<Results<Ok<Health>, ProblemHttpResult>> (IAlertReader store,
            [FromKeyedServices(SurveyStores.Lsst)] IAlertReader rubin,
            [FromServices] KafkaIngestStatus? kafka, [FromServices] KafkaLivestreamPublisher? publisher, CancellationToken ct) =>
        {
            try
            {
                var s = await store.GetStatisticsAsync(ct);
                var r = await rubin.GetStatisticsAsync(ct);
                return TypedResults.Ok(new Health("ok", s.Backend, s.Alerts, s.Objects,
                    s.FirstJd is { } f ? JulianDate.ToIsoOrNull(f) : null, s.LastJd is { } l ? JulianDate.ToIsoOrNull(l) : null)
                {
                    Rubin = new RubinHealth(r.Backend, r.Alerts, r.Objects, r.FirstJd, r.LastJd), // the Rubin store's times are MJDs
                    Kafka = kafka is { Topics.Count: > 0 } ? kafka.Snapshot() : null,
                    Outbox = publisher?.Status(),
                });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Store unavailable");
            }
        }).WithTags("Service").WithSummary("Service and store health");
}
