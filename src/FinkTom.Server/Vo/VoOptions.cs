namespace FinkTom.Server.Vo;

/// <summary>Limits of the Virtual Observatory services (TAP, cone search), bound from the <c>Vo</c> configuration section.</summary>
public sealed class VoOptions
{
    public const string SectionName = "Vo";

    /// <summary>Rows a TAP answer holds when the query gives no MAXREC.</summary>
    public int DefaultMaxRec { get; set; } = 10_000;

    /// <summary>The most rows any TAP answer holds (a larger MAXREC or TOP is cut here, with the overflow flag).</summary>
    public int MaxRec { get; set; } = 100_000;

    /// <summary>The most cells (rows × columns) an answer holds: a wide SELECT * gets fewer rows than MaxRec, with the
    /// overflow flag, so that no answer fills the server's memory.</summary>
    public int MaxCells { get; set; } = 5_000_000;

    /// <summary>Seconds a synchronous query may run before it is stopped with an error.</summary>
    public int SyncTimeoutSeconds { get; set; } = 60;

    /// <summary>Seconds an asynchronous job may run (its UWS executionDuration).</summary>
    public int AsyncTimeoutSeconds { get; set; } = 600;

    /// <summary>Hours an asynchronous job and its result are kept after creation (its UWS destruction time).</summary>
    public int JobRetentionHours { get; set; } = 24;

    /// <summary>The most asynchronous jobs kept at once; creating one more is refused until old ones are deleted or expire.</summary>
    public int MaxJobs { get; set; } = 100;

    /// <summary>The most objects a cone search (SCS) answers with, nearest first.</summary>
    public int ConeSearchMaxRows { get; set; } = 10_000;

    internal bool IsValid => DefaultMaxRec > 0 && MaxCells > 0 && MaxRec >= DefaultMaxRec && SyncTimeoutSeconds > 0 && AsyncTimeoutSeconds > 0
        && JobRetentionHours > 0 && MaxJobs > 0 && ConeSearchMaxRows > 0;
}
