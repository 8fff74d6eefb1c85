using FinkTom.Core.Model;
using FinkTom.Core.Store;

namespace FinkTom.Tests.Ingest;

/// <summary>
/// Test double: in-memory, not a real backend. Implements only the write side (<see cref="IAlertWriter"/>) with
/// the contract's idempotency (an already stored candid is a duplicate, also within one batch) and records every
/// batch it was given, so pipeline tests can check counts and batching.
/// </summary>
internal sealed class RecordingAlertStore : IAlertWriter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Alert> _byCandid = [];
    private readonly List<int> _batchSizes = [];

    public IReadOnlyDictionary<long, Alert> Alerts
    {
        get { lock (_gate) return new Dictionary<long, Alert>(_byCandid); }
    }

    public IReadOnlyList<int> BatchSizes
    {
        get { lock (_gate) return _batchSizes.ToArray(); }
    }

    /// <summary>When set, the write of this 1-based batch number throws (to test failure handling).</summary>
    public int? FailOnBatch { get; init; }

    public Task<StoreWriteResult> WriteAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _batchSizes.Add(alerts.Count);
            if (_batchSizes.Count == FailOnBatch)
                throw new IOException("test double: simulated store failure");
            int stored = 0, duplicates = 0;
            foreach (var alert in alerts)
            {
                if (_byCandid.TryAdd(alert.Candid, alert))
                    stored++;
                else
                    duplicates++;
            }
            return Task.FromResult(new StoreWriteResult(stored, duplicates));
        }
    }
}
