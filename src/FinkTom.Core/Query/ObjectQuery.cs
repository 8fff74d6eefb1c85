namespace FinkTom.Core.Query;

/// <summary>
/// What to fetch from a store's object summaries (<see cref="ObjectSummary"/>). Criteria combine with AND;
/// <see cref="Where"/> and <see cref="OrderBy"/> use <see cref="ObjectColumns"/> names (<c>lastjd</c>, <c>classification</c>).
/// Results are ordered by the keys, then by <c>objectId</c>, so offset paging is stable.
/// </summary>
public sealed record ObjectQuery
{
    /// <summary>These objects only.</summary>
    public IReadOnlyList<string>? ObjectIds { get; init; }

    /// <summary>Condition over <see cref="ObjectColumns"/>.</summary>
    public Predicate? Where { get; init; }

    public IReadOnlyList<SortKey> OrderBy { get; init; } = [];

    public int? Limit { get; init; }

    public int Offset { get; init; }
}
