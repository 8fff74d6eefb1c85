using FinkTom.Core.Model;

namespace FinkTom.Core.Store;

/// <summary>
/// The write side of the store: every way in (alert files, Kafka, the samples, proxy mode) writes through it, and
/// the livestreams hook it to see new alerts. Every backend implements it together with <see cref="IAlertReader"/>.
/// </summary>
public interface IAlertWriter
{
    /// <summary>Stores alerts idempotently: an alert whose <c>candid</c> is already stored is counted as a duplicate
    /// and left as it is. History points and cutouts are stored with them. An alert that
    /// <see cref="Validation.AlertValidation"/> rejects is skipped and counted in <see cref="StoreWriteResult.Rejected"/>;
    /// it never fails the rest of the batch.</summary>
    Task<StoreWriteResult> WriteAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken = default);
}

public sealed record StoreWriteResult(int Stored, int Duplicates)
{
    public static StoreWriteResult Empty { get; } = new(0, 0);

    /// <summary>Alerts the store refused because <see cref="Validation.AlertValidation"/> rejects their values (the
    /// ways in check first, so this counts only what slipped past them); neither stored nor counted as duplicates.</summary>
    public int Rejected { get; init; }

    /// <summary>The candids of the alerts this write stored for the first time (not the duplicates), so that only
    /// new alerts are published to livestreams. Null when the backend does not report them.</summary>
    public IReadOnlyList<long>? StoredCandids { get; init; }

    // Two results are equal when they count the same: the candid list is a by-product for publication.
    public bool Equals(StoreWriteResult? other) =>
        other is not null && Stored == other.Stored && Duplicates == other.Duplicates && Rejected == other.Rejected;

    public override int GetHashCode() => HashCode.Combine(Stored, Duplicates, Rejected);

    public StoreWriteResult Add(StoreWriteResult other) => new(Stored + other.Stored, Duplicates + other.Duplicates)
    {
        Rejected = Rejected + other.Rejected,
        StoredCandids = StoredCandids is null || other.StoredCandids is null ? null : [.. StoredCandids, .. other.StoredCandids],
    };
}
