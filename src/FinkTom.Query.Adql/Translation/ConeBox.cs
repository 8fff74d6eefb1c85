using FinkTom.Core.Query;
using FinkTom.Query.Adql.Schema;

namespace FinkTom.Query.Adql.Translation;

/// <summary>A conservative ra/dec box around a cone, as a predicate a store can run (and an index on dec could serve).</summary>
internal static class ConeBox
{
    public static Predicate? Around(Cone cone, TapTable table)
    {
        if (table.Position is not { } p)
            return null;
        var (ra, dec) = (p.Ra.StoreColumn, p.Dec.StoreColumn);
        var margin = 1e-9;
        var r = cone.RadiusDeg + margin;
        Predicate box = new ComparePredicate(dec, CompareOp.Ge, cone.Dec - r) & new ComparePredicate(dec, CompareOp.Le, cone.Dec + r);
        // Near a pole, or for a wide cone, every right ascension may be inside: the dec band alone bounds it.
        var maxAbsDec = Math.Abs(cone.Dec) + r;
        if (maxAbsDec >= 89.9 || r >= 90)
            return box;
        var halfWidth = Math.Asin(Math.Min(1, Math.Sin(r * Math.PI / 180) / Math.Cos(maxAbsDec * Math.PI / 180))) * 180 / Math.PI + margin;
        var (low, high) = (cone.Ra - halfWidth, cone.Ra + halfWidth);
        Predicate raRange = low < 0
            ? new ComparePredicate(ra, CompareOp.Ge, low + 360) | new ComparePredicate(ra, CompareOp.Le, high)
            : high >= 360
                ? new ComparePredicate(ra, CompareOp.Ge, low) | new ComparePredicate(ra, CompareOp.Le, high - 360)
                : new ComparePredicate(ra, CompareOp.Ge, low) & new ComparePredicate(ra, CompareOp.Le, high);
        return box & raRange;
    }
}
