namespace FinkTom.Livestream.Publication;

/// <summary>The outbox in <c>/health</c> and <c>/livestream/status</c>: messages owed (on disk), handed to the transport
/// and not yet acknowledged, and how many the previous run left.</summary>
public sealed record OutboxStatus(string Path, long Depth, int InFlight, long RecoveredAtStart);
