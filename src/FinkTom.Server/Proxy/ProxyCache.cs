namespace FinkTom.Server.Proxy;

/// <summary>The proxy's notion of now; tests replace it to move time without waiting.</summary>
public class ProxyClock
{
    public virtual DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
}

/// <summary>A cached value and when upstream gave it.</summary>
public sealed record Fetched<T>(T Value, DateTimeOffset FetchedAt, TimeSpan Ttl)
{
    public bool IsFresh(DateTimeOffset now) => now - FetchedAt < Ttl;
}

/// <summary>
/// A bounded least-recently-used cache. Entries are kept <c>ttl + maxStale</c> after they were fetched, so an
/// expired entry can still be served (marked stale) when upstream fails; beyond that, or when the size bound is
/// reached, they are dropped, least recently used first.
/// </summary>
public sealed class ProxyCache<T>(long maxSize, TimeSpan maxStale, ProxyClock clock)
{
    private sealed record Entry(string Key, Fetched<T> Item, long Size);

    private readonly Dictionary<string, LinkedListNode<Entry>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _lru = new();
    private readonly Lock _lock = new();
    private long _size;

    public long Size { get { lock (_lock) return _size; } }

    public int Count { get { lock (_lock) return _byKey.Count; } }

    /// <summary>The entry, fresh or stale, or null when absent or past its stale limit.</summary>
    public Fetched<T>? Get(string key)
    {
        lock (_lock)
        {
            if (!_byKey.TryGetValue(key, out var node))
                return null;
            if (clock.UtcNow - node.Value.Item.FetchedAt >= node.Value.Item.Ttl + maxStale)
            {
                Remove(node);
                return null;
            }
            _lru.Remove(node);
            _lru.AddFirst(node);
            return node.Value.Item;
        }
    }

    public void Set(string key, T value, TimeSpan ttl, long size)
    {
        if (size > maxSize)
            return; // larger than the whole cache: serve it, do not keep it
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var old))
                Remove(old);
            var node = _lru.AddFirst(new Entry(key, new Fetched<T>(value, clock.UtcNow, ttl), size));
            _byKey[key] = node;
            _size += size;
            while (_size > maxSize && _lru.Last is { } last)
                Remove(last);
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _lru.Remove(node);
        _byKey.Remove(node.Value.Key);
        _size -= node.Value.Size;
    }
}
