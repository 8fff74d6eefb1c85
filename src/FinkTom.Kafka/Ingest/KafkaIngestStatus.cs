using System.Collections.Concurrent;
using System.Diagnostics;

namespace FinkTom.Kafka.Ingest;

/// <summary>Counters of Kafka ingestion, shown in <c>/health</c>, <c>/livestream/status</c> and periodic log lines.</summary>
public sealed class KafkaIngestStatus
{
    private long _messages, _alerts, _stored, _duplicates, _poison, _commits;
    private readonly ConcurrentDictionary<string, long> _lag = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private (double Seconds, long Stored) _previous, _latest;

    public bool Running { get; internal set; }
    public IReadOnlyList<string> Topics { get; internal set; } = [];
    public string? LastPoison { get; private set; }
    public string? LastError { get; internal set; }

    public long Messages => Interlocked.Read(ref _messages);
    public long Stored => Interlocked.Read(ref _stored);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Poison => Interlocked.Read(ref _poison);

    internal void Received(int alerts)
    {
        Interlocked.Increment(ref _messages);
        Interlocked.Add(ref _alerts, alerts);
    }

    internal void Rejected(string where)
    {
        Interlocked.Increment(ref _messages);
        Interlocked.Increment(ref _poison);
        LastPoison = where;
    }

    internal void Written(int stored, int duplicates)
    {
        Interlocked.Add(ref _stored, stored);
        Interlocked.Add(ref _duplicates, duplicates);
        Interlocked.Increment(ref _commits);
        lock (_lag)
        {
            var now = (_clock.Elapsed.TotalSeconds, Stored);
            if (now.TotalSeconds - _latest.Seconds >= 1)
                (_previous, _latest) = (_latest, now);
        }
    }

    internal void Lag(string topicPartition, long lag) => _lag[topicPartition] = lag;

    /// <summary>Alerts newly stored per second, over the last second or more of writes.</summary>
    public double AlertsPerSecond
    {
        get
        {
            lock (_lag)
            {
                var seconds = _latest.Seconds - _previous.Seconds;
                return seconds > 0 ? (_latest.Stored - _previous.Stored) / seconds : 0;
            }
        }
    }

    public KafkaIngestSnapshot Snapshot() => new(Running, Topics, Messages, Interlocked.Read(ref _alerts), Stored, Duplicates,
        Poison, Interlocked.Read(ref _commits), Math.Round(AlertsPerSecond, 1), _lag.Values.Sum(),
        new SortedDictionary<string, long>(_lag), LastPoison, LastError);
}

public sealed record KafkaIngestSnapshot(bool Running, IReadOnlyList<string> Topics, long Messages, long Alerts, long Stored,
    long Duplicates, long Poison, long Commits, double AlertsPerSecond, long Lag, IDictionary<string, long> LagByPartition,
    string? LastPoison, string? LastError);
