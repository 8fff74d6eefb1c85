using System.Collections.Concurrent;
using System.Threading.Channels;
using FinkTom.Core.Model;

namespace FinkTom.Livestream;

/// <summary>A match as the hub announced it: <see cref="Seq"/> is its journal sequence number (the SSE event id), 0 when
/// the journal could not record it.</summary>
public readonly record struct SequencedAlert(long Seq, Alert Alert);

/// <summary>
/// In-process subscribers of a filter (the Server-Sent Events streams). Each gets a bounded queue: a client that
/// reads too slowly loses the oldest alerts (counted in <see cref="Subscription.Dropped"/>) rather than making the
/// server hold unbounded memory or slowing ingestion.
/// </summary>
public sealed class AlertSubscriptions
{
    public const int QueueLength = 1000;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> _byFilter = new(StringComparer.Ordinal);

    public int Count => _byFilter.Values.Sum(s => s.Count);

    public Subscription Subscribe(string filter)
    {
        var subscription = new Subscription(this, filter);
        _byFilter.GetOrAdd(filter, _ => new())[subscription] = 0;
        return subscription;
    }

    public bool HasSubscribers(string filter) => _byFilter.TryGetValue(filter, out var s) && !s.IsEmpty;

    internal void Offer(string filter, SequencedAlert alert)
    {
        if (!_byFilter.TryGetValue(filter, out var subscriptions))
            return;
        foreach (var subscription in subscriptions.Keys)
            subscription.Offer(alert);
    }

    private void Remove(Subscription subscription)
    {
        if (_byFilter.TryGetValue(subscription.Filter, out var subscriptions))
            subscriptions.TryRemove(subscription, out _);
    }

    public sealed class Subscription : IDisposable
    {
        private readonly AlertSubscriptions _owner;
        private readonly Channel<SequencedAlert> _queue = Channel.CreateBounded<SequencedAlert>(
            new BoundedChannelOptions(QueueLength) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => { });
        private long _dropped;

        internal Subscription(AlertSubscriptions owner, string filter)
        {
            _owner = owner;
            Filter = filter;
        }

        public string Filter { get; }
        public ChannelReader<SequencedAlert> Alerts => _queue.Reader;
        public long Dropped => Interlocked.Read(ref _dropped);

        internal void Offer(SequencedAlert alert)
        {
            if (_queue.Reader.Count >= QueueLength)
                Interlocked.Increment(ref _dropped);
            _queue.Writer.TryWrite(alert);
        }

        public void Dispose()
        {
            _owner.Remove(this);
            _queue.Writer.TryComplete();
        }
    }
}
