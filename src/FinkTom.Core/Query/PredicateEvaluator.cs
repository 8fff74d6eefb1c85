using FinkTom.Core.Model;

namespace FinkTom.Core.Query;

/// <summary>
/// Runs a <see cref="Predicate"/> on alerts in memory: compiled once into a delegate, then applied to every
/// incoming alert (livestream filters) or used as the reference answer in store tests.
/// Semantics follow OData's two-valued logic: a comparison with a null column is false, except <c>ne</c>, which is true.
/// </summary>
public static class PredicateEvaluator
{
    public static Func<Alert, bool> Compile(Predicate predicate) => predicate switch
    {
        AndPredicate and => Both(Compile(and.Left), Compile(and.Right)),
        OrPredicate or => Either(Compile(or.Left), Compile(or.Right)),
        NotPredicate not => Negate(Compile(not.Operand)),
        ComparePredicate cmp => CompileCompare(cmp),
        InPredicate @in => CompileIn(@in),
        StringMatchPredicate match => CompileMatch(match),
        _ => throw new NotSupportedException($"Unknown predicate {predicate.GetType().Name}."),
    };

    private static Func<Alert, bool> Both(Func<Alert, bool> a, Func<Alert, bool> b) => x => a(x) && b(x);

    private static Func<Alert, bool> Either(Func<Alert, bool> a, Func<Alert, bool> b) => x => a(x) || b(x);

    private static Func<Alert, bool> Negate(Func<Alert, bool> a) => x => !a(x);

    private static Func<Alert, bool> CompileCompare(ComparePredicate cmp)
    {
        var ordinal = ColumnCatalog.Get(cmp.Column).Ordinal;
        if (cmp.Value is null)
        {
            return cmp.Op switch
            {
                CompareOp.Eq => a => IsNull(a.Values[ordinal]),
                CompareOp.Ne => a => !IsNull(a.Values[ordinal]),
                _ => _ => false,
            };
        }
        var op = cmp.Op;
        var expected = cmp.Value;
        return a =>
        {
            var actual = a.Values[ordinal];
            if (IsNull(actual))
                return op == CompareOp.Ne; // OData: null ne 5 is true, null lt 5 is false
            var order = CompareValues(actual!, expected);
            return op switch
            {
                CompareOp.Eq => order == 0,
                CompareOp.Ne => order != 0,
                CompareOp.Lt => order < 0,
                CompareOp.Le => order <= 0,
                CompareOp.Gt => order > 0,
                CompareOp.Ge => order >= 0,
                _ => false,
            };
        };
    }

    private static Func<Alert, bool> CompileIn(InPredicate @in)
    {
        var ordinal = ColumnCatalog.Get(@in.Column).Ordinal;
        var values = @in.Values.Where(v => v is not null).ToArray();
        return a => a.Values[ordinal] is { } actual && !IsNull(actual) && values.Any(v => CompareValues(actual, v!) == 0);
    }

    private static Func<Alert, bool> CompileMatch(StringMatchPredicate match)
    {
        var ordinal = ColumnCatalog.Get(match.Column).Ordinal;
        var needle = match.Value;
        return match.Kind switch
        {
            StringMatchKind.Contains => a => a.Values[ordinal] is string s && s.Contains(needle, StringComparison.Ordinal),
            StringMatchKind.StartsWith => a => a.Values[ordinal] is string s && s.StartsWith(needle, StringComparison.Ordinal),
            StringMatchKind.EndsWith => a => a.Values[ordinal] is string s && s.EndsWith(needle, StringComparison.Ordinal),
            _ => throw new NotSupportedException(match.Kind.ToString()),
        };
    }

    private static bool IsNull(object? value) => value is null || value is double.NaN || value is float.NaN;

    /// <summary>Orders two values: numbers numerically, strings ordinally, booleans false &lt; true.</summary>
    internal static int CompareValues(object actual, object expected) => (actual, expected) switch
    {
        (string s, string t) => string.CompareOrdinal(s, t),
        (bool b, bool c) => b.CompareTo(c),
        (long l, long m) => l.CompareTo(m),
        (int i, long m) => ((long)i).CompareTo(m),
        _ when TryNumber(actual, out var x) && TryNumber(expected, out var y) => x.CompareTo(y),
        _ => string.CompareOrdinal(Convert.ToString(actual, System.Globalization.CultureInfo.InvariantCulture),
                                   Convert.ToString(expected, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static bool TryNumber(object value, out double number)
    {
        switch (value)
        {
            case double d: number = d; return true;
            case float f: number = f; return true;
            case int i: number = i; return true;
            case long l: number = l; return true;
            case bool b: number = b ? 1 : 0; return true;
            default: number = 0; return false;
        }
    }
}
