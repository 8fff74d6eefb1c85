using FinkTom.Core.Surveys;

namespace FinkTom.Core.Query;

/// <summary>
/// What to fetch from a store's table of one stored history kind (Rubin's forced photometry), independent of the backend.
/// <see cref="Where"/> and <see cref="OrderBy"/> use the kind's column names (<c>r:psfFlux</c>); results are ordered by the
/// keys, then by the measurement's id in the direction of the last key (<see cref="SortKey.TieBreakDescending"/>).
/// </summary>
public sealed record MeasurementQuery(HistoryKind Kind)
{
    /// <summary>Measurements of these objects only.</summary>
    public IReadOnlyList<string>? ObjectIds { get; init; }

    public Predicate? Where { get; init; }

    public IReadOnlyList<SortKey> OrderBy { get; init; } = [];

    public int? Limit { get; init; }

    public int Offset { get; init; }
}
