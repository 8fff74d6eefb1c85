using System.Collections.Concurrent;

namespace FinkTom.Livestream;

/// <summary>Per filter topic: alerts matched (by the hub), handed to the transport, delivered, failed (counted by the
/// transport, e.g. Kafka's publisher).</summary>
public sealed class LivestreamStatus
{
    private readonly ConcurrentDictionary<string, TopicCounters> _topics = new(StringComparer.Ordinal);
    private long _evaluated;

    public long Evaluated => Interlocked.Read(ref _evaluated);

    internal void AddEvaluated(int alerts) => Interlocked.Add(ref _evaluated, alerts);
    internal void Matched(string topic) => Interlocked.Increment(ref Of(topic).MatchedCount);
    public void Queued(string topic) => Interlocked.Increment(ref Of(topic).ProducedCount);
    public void Delivered(string topic) => Interlocked.Increment(ref Of(topic).DeliveredCount);

    public void Failed(string topic, string reason)
    {
        var counters = Of(topic);
        Interlocked.Increment(ref counters.FailedCount);
        counters.LastError = reason;
    }

    public IReadOnlyDictionary<string, TopicSnapshot> Snapshot() => new SortedDictionary<string, TopicSnapshot>(
        _topics.ToDictionary(p => p.Key, p => new TopicSnapshot(p.Value.MatchedCount, p.Value.ProducedCount, p.Value.DeliveredCount,
            p.Value.FailedCount, p.Value.LastError)), StringComparer.Ordinal);

    private TopicCounters Of(string topic) => _topics.GetOrAdd(topic, _ => new TopicCounters());

    private sealed class TopicCounters
    {
        public long MatchedCount, ProducedCount, DeliveredCount, FailedCount;
        public string? LastError;
    }
}

public sealed record TopicSnapshot(long Matched, long Produced, long Delivered, long Failed, string? LastError);
