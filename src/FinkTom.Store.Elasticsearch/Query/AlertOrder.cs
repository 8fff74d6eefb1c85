using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Sky;

namespace FinkTom.Store.Elasticsearch.Query;

/// <summary>
/// The order of <see cref="AlertSearch.Sort"/> applied in memory (to the latest alert of each object): the query's keys,
/// nulls lowest, then candid in the last key's direction. Separation compares squared chords from the alert's RA/Dec, which order exactly as the
/// great-circle distance.
/// </summary>
public sealed class AlertOrder(AlertQuery query) : IComparer<Alert>
{
    private readonly UnitVector? _centre = query.Cone?.Centre;

    public int Compare(Alert? x, Alert? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        foreach (var key in query.OrderBy)
        {
            var order = key.Column == SortKey.SeparationColumn
                ? Chord(x).CompareTo(Chord(y))
                : CompareValues(x[key.Column], y[key.Column]);
            if (order != 0)
                return key.Descending ? -order : order;
        }
        return SortKey.TieBreakDescending(query.OrderBy) ? y.Candid.CompareTo(x.Candid) : x.Candid.CompareTo(y.Candid);
    }

    private double Chord(Alert alert) =>
        (_centre ?? throw new ArgumentException("Sorting by separation needs a cone.")).ChordSquaredTo(UnitVector.FromRaDec(alert.Ra, alert.Dec));

    private static int CompareValues(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string s, string t) => string.CompareOrdinal(s, t),
        (bool p, bool q) => p.CompareTo(q),
        (long l, long m) => l.CompareTo(m),
        _ => Convert.ToDouble(a).CompareTo(Convert.ToDouble(b)),
    };
}
