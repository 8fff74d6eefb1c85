using FinkTom.Kafka.Publish;
using FinkTom.Livestream;

namespace FinkTom.Server.Cli;

/// <summary>The end of `finktom ingest PATH` with Kafka output: wait for the broker's acknowledgements, stop, say what went out.</summary>
internal static class IngestPublication
{
    /// <summary>How long ingestion waits for the broker before leaving the rest in the outbox for the next run.</summary>
    public static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(60);

    public static async Task<string> FinishAsync(IHost host)
    {
        var publisher = host.Services.GetRequiredService<KafkaLivestreamPublisher>();
        var status = host.Services.GetRequiredService<LivestreamStatus>();
        var drained = await publisher.FlushAsync(FlushTimeout);
        await host.StopAsync();
        var topics = status.Snapshot().Where(t => t.Value.Delivered > 0).ToList();
        var summary = $"published {topics.Sum(t => t.Value.Delivered)} messages to {topics.Count} topics";
        if (publisher.Recovered > 0)
            summary += $" (including {publisher.Recovered} left undelivered by the previous run)";
        return drained && publisher.Outbox.Depth == 0
            ? summary
            : $"{summary}; {publisher.Outbox.Depth} not yet acknowledged by the broker are kept in {publisher.Outbox.Path} and sent by the next `finktom ingest`";
    }
}
