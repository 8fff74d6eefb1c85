using FinkTom.Core.Model;
using FinkTom.Core.Time;

namespace FinkTom.Core.Query;

/// <summary>
/// Runs a <see cref="Predicate"/> on alerts in memory: compiled once into a delegate, then applied to every
/// incoming alert (livestream filters) or used as the reference answer in store tests.
/// Semantics follow OData's two-valued logic: a comparison with a null column is false, except <c>ne</c>, which is true.
/// </summary>
public static class PredicateEvaluator
{
    public static Func<Alert, bool> Compile(Predicate predicate) => Compile(predicate, Surveys.Survey.Ztf.Catalog);

    /// <summary>Compiles a predicate over the alerts of a survey whose columns are <paramref name="catalog"/>'s.</summary>
    public static Func<Alert, bool> Compile(Predicate predicate, AlertCatalog catalog) => Compile<Alert>(predicate, name =>
    {
        var ordinal = catalog.Get(name).Ordinal;
        return a => a.Values[ordinal];
    });

    /// <summary>
    /// Compiles a predicate over any row type: <paramref name="column"/> resolves a column name to a reader of that
    /// column's value (object summaries, small in-memory tables). Same null semantics as for alerts.
    /// </summary>
    public static Func<T, bool> Compile<T>(Predicate predicate, Func<string, Func<T, object?>> column) => predicate switch
    {
        AndPredicate and => Both(Compile(and.Left, column), Compile(and.Right, column)),
        OrPredicate or => Either(Compile(or.Left, column), Compile(or.Right, column)),
        NotPredicate not => Negate(Compile(not.Operand, column)),
        ComparePredicate cmp => CompileCompare(cmp, column(cmp.Column)),
        InPredicate @in => CompileIn(@in, column(@in.Column)),
        StringMatchPredicate match => CompileMatch(match, column(match.Column)),
        DatePartPredicate part => CompileDatePart(part, column(part.Column)),
        _ => throw new NotSupportedException($"Unknown predicate {predicate.GetType().Name}."),
    };

    private static Func<T, bool> Both<T>(Func<T, bool> a, Func<T, bool> b) => x => a(x) && b(x);

    private static Func<T, bool> Either<T>(Func<T, bool> a, Func<T, bool> b) => x => a(x) || b(x);

    private static Func<T, bool> Negate<T>(Func<T, bool> a) => x => !a(x);

    private static Func<T, bool> CompileCompare<T>(ComparePredicate cmp, Func<T, object?> read)
    {
        if (cmp.Value is null)
        {
            return cmp.Op switch
            {
                CompareOp.Eq => a => IsNull(read(a)),
                CompareOp.Ne => a => !IsNull(read(a)),
                _ => _ => false,
            };
        }
        var op = cmp.Op;
        var expected = cmp.Value;
        return a =>
        {
            var actual = read(a);
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

    private static Func<T, bool> CompileIn<T>(InPredicate @in, Func<T, object?> read)
    {
        var values = @in.Values.Where(v => v is not null).ToArray();
        return a => read(a) is { } actual && !IsNull(actual) && values.Any(v => CompareValues(actual, v!) == 0);
    }

    private static Func<T, bool> CompileMatch<T>(StringMatchPredicate match, Func<T, object?> read)
    {
        var needle = match.Value;
        return match.Kind switch
        {
            StringMatchKind.Contains => a => read(a) is string s && s.Contains(needle, StringComparison.Ordinal),
            StringMatchKind.StartsWith => a => read(a) is string s && s.StartsWith(needle, StringComparison.Ordinal),
            StringMatchKind.EndsWith => a => read(a) is string s && s.EndsWith(needle, StringComparison.Ordinal),
            _ => throw new NotSupportedException(match.Kind.ToString()),
        };
    }

    // The part is compared like any integer column: a null (or non-numeric) time only satisfies ne.
    private static Func<T, bool> CompileDatePart<T>(DatePartPredicate part, Func<T, object?> read)
    {
        var compare = CompileCompare(new ComparePredicate(part.Column, part.Op, part.Value), (int? value) => (object?)value);
        return a => compare(TryNumber(read(a) ?? "", out var jd) && !double.IsNaN(jd) ? DateParts.Of(jd, part.Part) : null);
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
