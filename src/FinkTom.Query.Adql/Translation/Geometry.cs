using System.Globalization;
using FinkTom.Core.Query;
using FinkTom.Query.Adql.Schema;
using FinkTom.Query.Adql.Syntax;

namespace FinkTom.Query.Adql.Translation;

/// <summary>
/// ADQL's geometry, as far as a cone: <c>CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', ra0, dec0, r)) = 1</c> and
/// <c>DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', ra0, dec0)) &lt; r</c> (either argument order, ADQL 2.1's
/// coordinate-system-less and four-number forms too) become the store's <see cref="Cone"/>, served by its sky index.
/// The moving point must be the table's position columns; the fixed one, numbers in degrees (ICRS).
/// </summary>
internal sealed class Geometry(TapTable table, Func<ColumnRef, TapColumn> column)
{
    private static readonly HashSet<string> Functions = ["CONTAINS", "INTERSECTS", "DISTANCE"];

    public static bool IsGeometric(Comparison comparison) =>
        comparison.Left is FunctionCall l && Functions.Contains(l.Name) || comparison.Right is FunctionCall r && Functions.Contains(r.Name);

    /// <summary>The cone a top-level condition states, or null when it is not geometric.</summary>
    public Cone? TryCone(Condition condition)
    {
        if (condition is not Comparison comparison || !IsGeometric(comparison))
            return null;
        var (left, op, right) = comparison.Left is FunctionCall ? (comparison.Left, comparison.Operator, comparison.Right)
            : (comparison.Right, Conditions.Flip(comparison.Operator), comparison.Left);
        var call = (FunctionCall)left;
        switch (call.Name)
        {
            case "CONTAINS":
                if (op != "=" || right is not NumberLiteral { Text: "1" })
                    throw new AdqlException("CONTAINS(...) is supported as CONTAINS(...) = 1 only (the rows inside a circle).");
                if (call.Arguments.Count != 2)
                    throw new AdqlException("CONTAINS takes two arguments: a POINT and a CIRCLE.");
                var (ra, dec) = PositionPoint(call.Arguments[0], "the first argument of CONTAINS");
                var circle = call.Arguments[1] as FunctionCall;
                if (circle?.Name != "CIRCLE")
                    throw new AdqlException(circle is { Name: "BOX" or "POLYGON" or "REGION" } other
                        ? $"{other.Name} is not supported; CONTAINS takes a CIRCLE."
                        : "The second argument of CONTAINS must be a CIRCLE('ICRS', ra, dec, radius).");
                var (centre, radius) = Circle(circle);
                return MakeCone(centre, radius);
            case "DISTANCE":
                if (op is not ("<" or "<="))
                    throw new AdqlException("DISTANCE(...) is supported in WHERE as DISTANCE(...) < r or <= r only (the rows within r degrees).");
                return MakeCone(DistanceCentre(call), Number(right, "the distance limit"));
            default:
                throw new AdqlException($"{call.Name} is not supported; use CONTAINS(POINT(...), CIRCLE(...)) = 1.");
        }
    }

    /// <summary>The fixed point of DISTANCE(position, point) (either order, or the four-number form).</summary>
    public (double Ra, double Dec) DistanceCentre(FunctionCall call)
    {
        if (call.Arguments.Count == 4)
        {
            var (ra, dec) = (call.Arguments[0] as ColumnRef, call.Arguments[1] as ColumnRef);
            if (ra is null || dec is null)
                throw new AdqlException("DISTANCE(ra, dec, ra0, dec0) needs the table's position columns first, then two numbers.");
            CheckPosition(column(ra), column(dec), "DISTANCE");
            return Centre(call.Arguments[2], call.Arguments[3]);
        }
        if (call.Arguments.Count != 2)
            throw new AdqlException("DISTANCE takes two POINTs (or four numbers).");
        var first = IsPosition(call.Arguments[0]);
        PositionPoint(call.Arguments[first ? 0 : 1], "one argument of DISTANCE");
        return FixedPoint(call.Arguments[first ? 1 : 0]);
    }

    private bool IsPosition(Expr expr) => expr is FunctionCall { Name: "POINT" } point && point.Arguments.Any(a => a is ColumnRef);

    private (TapColumn Ra, TapColumn Dec) PositionPoint(Expr expr, string what)
    {
        var args = PointArguments(expr, what);
        if (args[0] is not ColumnRef ra || args[1] is not ColumnRef dec)
            throw new AdqlException($"{what} must be POINT('ICRS', {Position.Ra.Name}, {Position.Dec.Name}): the table's position columns.");
        CheckPosition(column(ra), column(dec), what);
        return (column(ra), column(dec));
    }

    private (TapColumn Ra, TapColumn Dec) Position => table.Position
        ?? throw new AdqlException($"{table.FullName} has no position for CONTAINS or DISTANCE.");

    private void CheckPosition(TapColumn ra, TapColumn dec, string what)
    {
        if (ra != Position.Ra || dec != Position.Dec)
            throw new AdqlException($"{what} must use the table's position columns ({Position.Ra.Name}, {Position.Dec.Name}), not ({ra.Name}, {dec.Name}).");
    }

    private (double Ra, double Dec) FixedPoint(Expr expr)
    {
        var args = PointArguments(expr, "The fixed point");
        return Centre(args[0], args[1]);
    }

    private static IReadOnlyList<Expr> PointArguments(Expr expr, string what)
    {
        if (expr is not FunctionCall { Name: "POINT" } point)
            throw new AdqlException($"{what} must be a POINT.");
        var args = point.Arguments;
        if (args.Count == 3)
        {
            CoordinateSystem(args[0]);
            return args.Skip(1).ToList();
        }
        return args.Count == 2 ? args : throw new AdqlException("POINT takes a coordinate system and two coordinates: POINT('ICRS', ra, dec).");
    }

    private ((double Ra, double Dec) Centre, double Radius) Circle(FunctionCall circle)
    {
        var args = circle.Arguments;
        switch (args.Count)
        {
            case 4:
                CoordinateSystem(args[0]);
                return (Centre(args[1], args[2]), Number(args[3], "the radius"));
            case 3 when args[1] is FunctionCall { Name: "POINT" }:
                CoordinateSystem(args[0]);
                return (FixedPoint(args[1]), Number(args[2], "the radius"));
            case 3:
                return (Centre(args[0], args[1]), Number(args[2], "the radius"));
            case 2:
                return (FixedPoint(args[0]), Number(args[1], "the radius"));
            default:
                throw new AdqlException("CIRCLE takes a coordinate system, a centre and a radius: CIRCLE('ICRS', ra, dec, radius).");
        }
    }

    // The (deprecated) coordinate-system argument: ICRS, or empty meaning the service's default, which is ICRS.
    private static void CoordinateSystem(Expr expr)
    {
        if (expr is FunctionCall)
            return;
        if (expr is not StringLiteral { Value: var system })
            throw new AdqlException("The coordinate system must be a string such as 'ICRS'.");
        var name = system.Trim();
        if (name.Length > 0 && !name.StartsWith("ICRS", StringComparison.OrdinalIgnoreCase))
            throw new AdqlException($"Coordinate system '{system}' is not supported: positions here are ICRS.");
    }

    private static (double Ra, double Dec) Centre(Expr ra, Expr dec)
    {
        var (a, d) = (Number(ra, "the right ascension"), Number(dec, "the declination"));
        if (d is < -90 or > 90)
            throw new AdqlException($"Declination {d.ToString(CultureInfo.InvariantCulture)} is outside -90 to 90 degrees.");
        return (((a % 360) + 360) % 360, d);
    }

    private static Cone MakeCone((double Ra, double Dec) centre, double radius)
    {
        if (radius is <= 0 or > 180)
            throw new AdqlException($"The radius must be more than 0 and at most 180 degrees, not {radius.ToString(CultureInfo.InvariantCulture)}.");
        return new Cone(centre.Ra, centre.Dec, radius);
    }

    private static double Number(Expr expr, string what) =>
        expr is NumberLiteral n && double.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new AdqlException($"{what} must be a number in degrees, not '{AdqlPrinter.Print(expr)}'.");
}
