using FinkTom.Core.Model;

namespace FinkTom.Kafka.Livestream;

/// <summary>
/// Evaluates every active filter on newly stored alerts and hands the matches to the filters' SSE subscribers and,
/// when Kafka is configured, to the publisher (one queued message per alert, with every matching topic).
/// </summary>
public sealed class LivestreamHub(FilterRegistry filters, AlertSubscriptions subscriptions, LivestreamStatus status,
    KafkaLivestreamPublisher? publisher = null)
{
    public async ValueTask PublishAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var active = filters.Active;
        if (active.Count == 0)
            return;
        var topics = new List<string>();
        foreach (var alert in alerts)
        {
            topics.Clear();
            foreach (var filter in active)
            {
                if (!filter.Matches(alert))
                    continue;
                status.Matched(filter.Topic);
                subscriptions.Offer(filter.Name, alert);
                topics.Add(filter.Topic);
            }
            if (publisher is not null && topics.Count > 0)
                await publisher.EnqueueAsync(alert, [.. topics], cancellationToken);
        }
        status.AddEvaluated(alerts.Count);
    }
}
