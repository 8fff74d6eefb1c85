using System.Collections.Concurrent;
using FinkTom.Core.Model;
using FinkTom.Core.Surveys;

namespace FinkTom.Livestream.Publication;

/// <summary>
/// Between the write path (<see cref="LivestreamWriter"/>) and the transport that publishes the <see cref="Outbox"/>
/// (Kafka's publisher): how far the outbox's rows are settled — the store write that recorded them is over, so each
/// alert is stored or not — and the newly stored alerts, kept in memory (at most <see cref="MemoryLimit"/>) so that the
/// transport need not read them back from the store. The transport waits on it; a settled write wakes it.
/// </summary>
public sealed class PublicationHandoff
{
    private readonly ConcurrentDictionary<(Survey, long), Alert> _fresh = new(); // by survey and alert id
    private readonly SemaphoreSlim _wake = new(0, 1);
    private long _settled;

    public PublicationHandoff(LivestreamOutbox outbox, int memoryLimit)
    {
        Outbox = outbox;
        MemoryLimit = Math.Max(1, memoryLimit);
        _settled = outbox.LastSeq; // rows of a previous run: their alerts are looked up in the store
    }

    public LivestreamOutbox Outbox { get; }

    /// <summary>Newly stored alerts kept for the transport; beyond that it reads them back from the store.</summary>
    public int MemoryLimit { get; }

    /// <summary>Rows up to this sequence number may be published (or dropped, when their alert is not in the store).</summary>
    public long SettledUpTo => Volatile.Read(ref _settled);

    /// <summary>The write that recorded rows up to <paramref name="upTo"/> is over; <paramref name="fresh"/> are the
    /// alerts it stored (kept in memory while there is room).</summary>
    public void Settle(long upTo, IEnumerable<Alert> fresh)
    {
        foreach (var alert in fresh)
        {
            if (_fresh.Count < MemoryLimit)
                _fresh[(alert.Survey, alert.Candid)] = alert;
        }
        Volatile.Write(ref _settled, Math.Max(Volatile.Read(ref _settled), upTo));
        Wake();
    }

    public bool TryGetFresh(Survey survey, long candid, out Alert alert) => _fresh.TryGetValue((survey, candid), out alert!);

    /// <summary>The transport is done with the alert (published, or left to the outbox).</summary>
    public void Forget(Survey survey, long candid) => _fresh.TryRemove((survey, candid), out _);

    /// <summary>Tells the transport there is work: a settled write, or (from the transport itself) a delivery report.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    /// <summary>Waits for <see cref="Wake"/>, at most <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
