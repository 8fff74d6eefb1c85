using System.Collections.Concurrent;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// The store's idle read connections, each with its cached statements (<see cref="ReadConnection"/>). A query rents
/// one and gives it back when done, so concurrent queries use different connections (SQLite connections are not for
/// two threads at once) and a connection is opened, and its settings run, once rather than per query.
/// </summary>
internal sealed class ReadConnectionPool(Func<ReadConnection> open) : IDisposable
{
    // More connections than this are closed when given back: a burst of concurrent requests does not keep them all.
    private const int MaxIdle = 16;

    private readonly ConcurrentBag<ReadConnection> _idle = [];
    private volatile bool _disposed;

    public ReadConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _idle.TryTake(out var connection) ? connection : open();
    }

    /// <summary>Takes back a connection whose statements are all reset (a broken one is disposed by the caller instead).</summary>
    public void Return(ReadConnection connection)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            connection.Dispose();
            return;
        }
        _idle.Add(connection);
        if (_disposed && _idle.TryTake(out var late))
            late.Dispose(); // disposed meanwhile: do not leave it open
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
            connection.Dispose();
    }
}
