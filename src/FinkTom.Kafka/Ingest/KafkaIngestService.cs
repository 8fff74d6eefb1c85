using FinkTom.Core.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinkTom.Kafka.Ingest;

/// <summary>`finktom serve` with <c>Kafka:Ingest:Topics</c>: consumes the alert streams in the background.</summary>
internal sealed class KafkaIngestService(IAlertWriter writer, IOptions<KafkaOptions> options, KafkaIngestStatus status,
    ILogger<KafkaAlertIngestor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ingestor = new KafkaAlertIngestor(writer, options.Value, status, logger);
        try
        {
            await ingestor.RunAsync(options.Value.Ingest.Topics, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            status.LastError = e.Message;
            logger.LogError(e, "Kafka ingestion stopped");
        }
    }
}
