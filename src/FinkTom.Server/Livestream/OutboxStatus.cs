using FinkTom.Kafka.Livestream;

namespace FinkTom.Server.Livestream;

/// <summary>The Kafka outbox in <c>/health</c> and <c>/livestream/status</c>: messages owed (on disk), in flight, and
/// how many the previous run left.</summary>
public sealed record OutboxStatus(string Path, long Depth, int InFlight, long RecoveredAtStart)
{
    /// <summary>Null without Kafka output (no publisher registered).</summary>
    public static OutboxStatus? Of(KafkaLivestreamPublisher? publisher) =>
        publisher is { } p ? new(p.Outbox.Path, p.Outbox.Depth, p.InFlight, p.Recovered) : null;
}
