namespace FinkTom.Server.Vo.Uws;

/// <summary>UWS 1.1 execution phases (the ones FinkTom's jobs pass through).</summary>
public enum UwsPhase
{
    PENDING,
    QUEUED,
    EXECUTING,
    COMPLETED,
    ERROR,
    ABORTED,
}

/// <summary>One asynchronous TAP query: its parameters, phase, times, and result file or error message.</summary>
public sealed class UwsJob(string id, IReadOnlyDictionary<string, string> parameters, DateTimeOffset created, DateTimeOffset destruction, int executionSeconds)
{
    private readonly object _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id { get; } = id;
    public string? RunId => Parameters.GetValueOrDefault("RUNID");
    public IReadOnlyDictionary<string, string> Parameters { get; set; } = parameters;
    public DateTimeOffset Created { get; } = created;
    public DateTimeOffset Destruction { get; set; } = destruction;
    public int ExecutionSeconds { get; set; } = executionSeconds;

    public UwsPhase Phase { get; private set; } = UwsPhase.PENDING;
    public DateTimeOffset? Started { get; private set; }
    public DateTimeOffset? Ended { get; private set; }

    /// <summary>The result file and its content type, once COMPLETED.</summary>
    public (string Path, string ContentType)? Result { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Stops a running query (ABORT, DELETE, expiry).</summary>
    public CancellationTokenSource Cancel { get; } = new();

    public bool IsActive => Phase is UwsPhase.QUEUED or UwsPhase.EXECUTING;

    /// <summary>Moves to a phase; false when the job already left the phases it may move from.</summary>
    public bool MoveTo(UwsPhase phase, DateTimeOffset now, (string, string)? result = null, string? error = null)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            var allowed = phase switch
            {
                UwsPhase.QUEUED => Phase == UwsPhase.PENDING,
                UwsPhase.EXECUTING => Phase == UwsPhase.QUEUED,
                UwsPhase.ABORTED => Phase is UwsPhase.PENDING or UwsPhase.QUEUED or UwsPhase.EXECUTING,
                _ => Phase == UwsPhase.EXECUTING,
            };
            if (!allowed)
                return false;
            Phase = phase;
            if (phase == UwsPhase.EXECUTING)
                Started = now;
            if (phase is UwsPhase.COMPLETED or UwsPhase.ERROR or UwsPhase.ABORTED)
                Ended = now;
            Result = result ?? Result;
            Error = error ?? Error;
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
        return true;
    }

    /// <summary>UWS 1.1 blocking: waits until the phase changes or the time is up.</summary>
    public async Task WaitForChangeAsync(TimeSpan limit, CancellationToken ct)
    {
        Task changed;
        lock (_gate)
            changed = _changed.Task;
        try
        {
            await changed.WaitAsync(limit, ct);
        }
        catch (TimeoutException)
        {
        }
    }
}
