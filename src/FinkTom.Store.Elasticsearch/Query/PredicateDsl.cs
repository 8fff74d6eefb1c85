using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FinkTom.Core.Model;
using FinkTom.Core.Query;

namespace FinkTom.Store.Elasticsearch.Query;

/// <summary>
/// Translates a <see cref="Predicate"/> into the query DSL with the same answers as <see cref="PredicateEvaluator"/>
/// (OData's two-valued logic). Every leaf is true or false, never unknown, because a null or absent field simply matches
/// no <c>term</c>/<c>range</c>/<c>prefix</c>: so <c>ne</c> becomes <c>must_not term</c> (true on null, as in OData) and
/// <c>not</c> is a plain <c>must_not</c>.
/// Comparisons happen in the column's own type: a <c>float</c> field compares floats, so a double constant becomes the
/// nearest float bound that selects exactly the floats the in-memory comparison (in double) selects.
/// </summary>
public static class PredicateDsl
{
    /// <summary>A column as a predicate sees it: its name (for messages), the document field and the value type.</summary>
    public sealed record Field(string Name, string Path, ColumnType Type);

    /// <summary>A predicate over alert columns (catalogue names, stored under their safe names).</summary>
    public static JsonObject Translate(Predicate predicate) => Translate(predicate, AlertField);

    /// <summary>A predicate over any document whose columns <paramref name="resolve"/> names (object summaries, say).</summary>
    public static JsonObject Translate(Predicate predicate, Func<string, Field> resolve) => predicate switch
    {
        AndPredicate => Dsl.Filter(Flatten<AndPredicate>(predicate, p => (p.Left, p.Right)).Select(p => Translate(p, resolve))),
        OrPredicate => Dsl.AnyOf(Flatten<OrPredicate>(predicate, p => (p.Left, p.Right)).Select(p => Translate(p, resolve))),
        NotPredicate not => Dsl.Not(Translate(not.Operand, resolve)),
        ComparePredicate cmp => Compare(resolve(cmp.Column), cmp.Op, cmp.Value),
        InPredicate @in => In(resolve(@in.Column), @in.Values),
        StringMatchPredicate match => Match(resolve(match.Column), match),
        DatePartPredicate part => DatePartDsl.Script(resolve(part.Column).Path, part),
        _ => throw new NotSupportedException($"Unknown predicate {predicate.GetType().Name}."),
    };

    private static Field AlertField(string name)
    {
        var column = ColumnCatalog.Get(name);
        return new Field(column.Name, column.SafeName, column.Type);
    }

    /// <summary>a AND (b AND c) as one list [a, b, c]: flatter JSON, same meaning.</summary>
    private static IEnumerable<Predicate> Flatten<T>(Predicate predicate, Func<T, (Predicate, Predicate)> parts) where T : Predicate
    {
        if (predicate is not T node)
            return [predicate];
        var (left, right) = parts(node);
        return Flatten(left, parts).Concat(Flatten(right, parts));
    }

    private static JsonObject Compare(Field column, CompareOp op, object? value)
    {
        var field = column.Path;
        if (value is null)
            return op switch
            {
                CompareOp.Eq => Dsl.Not(Dsl.Exists(field)),
                CompareOp.Ne => Dsl.Exists(field),
                _ => Dsl.MatchNone(),
            };
        if (op == CompareOp.Ne)
            return Dsl.Not(Compare(column, CompareOp.Eq, value));
        if (op == CompareOp.Eq)
            return EqualValues(column, value) is [var single] ? Dsl.Term(field, single) : Dsl.MatchNone();
        return column.Type switch
        {
            ColumnType.Float => FloatRange(field, op, Number(column, value)),
            ColumnType.Double => DoubleRange(field, op, Number(column, value)),
            ColumnType.Int => IntegerRange(field, op, value, int.MinValue, int.MaxValue),
            ColumnType.Long => IntegerRange(field, op, value, long.MinValue, long.MaxValue),
            ColumnType.Bool => Dsl.Terms(field, BoolCandidates(op, value).Select(b => (JsonNode)b)).OrNoneIfEmpty(),
            _ => StringRange(field, op, Text(value)),
        };
    }

    private static JsonObject In(Field column, IReadOnlyList<object?> values)
    {
        var terms = values.Where(v => v is not null).SelectMany(v => EqualValues(column, v!)).ToList();
        return terms.Count == 0 ? Dsl.MatchNone() : Dsl.Terms(column.Path, terms);
    }

    /// <summary>The stored values equal to <paramref name="value"/> in the evaluator's sense: none, or one.</summary>
    private static List<JsonNode> EqualValues(Field column, object value)
    {
        switch (column.Type)
        {
            case ColumnType.Float:
                var d = Number(column, value);
                var f = (float)d;
                return (double)f == d ? [JsonValue.Create((double)f)] : [];
            case ColumnType.Double:
                var x = Number(column, value);
                return double.IsNaN(x) ? [] : [JsonValue.Create(x)];
            case ColumnType.Int or ColumnType.Long:
                var (min, max) = column.Type == ColumnType.Int ? ((long)int.MinValue, (long)int.MaxValue) : (long.MinValue, long.MaxValue);
                var (lo, hi) = IntegerInterval(CompareOp.Eq, value, min, max);
                return lo == hi ? [JsonValue.Create(lo)] : [];
            case ColumnType.Bool:
                return BoolCandidates(CompareOp.Eq, value).Select(b => (JsonNode)JsonValue.Create(b)).ToList();
            default:
                return [JsonValue.Create(Text(value))];
        }
    }

    private static JsonObject DoubleRange(string field, CompareOp op, double c)
    {
        if (double.IsNaN(c)) // double.CompareTo puts NaN below every number
            return op is CompareOp.Gt or CompareOp.Ge ? Dsl.Exists(field) : Dsl.MatchNone();
        var bound = JsonValue.Create(c);
        return op switch
        {
            CompareOp.Lt => Dsl.Range(field, lt: bound),
            CompareOp.Le => Dsl.Range(field, lte: bound),
            CompareOp.Gt => Dsl.Range(field, gt: bound),
            _ => Dsl.Range(field, gte: bound),
        };
    }

    /// <summary>
    /// x op c for float x and double c, as inclusive float bounds: <c>x &gt; 0.1</c> is true for the float 0.1f
    /// (0.100000001…) in double arithmetic, so the bound is <c>gte 0.100000001…</c>, never Elasticsearch's own
    /// rounding of 0.1 to a float (which would drop 0.1f).
    /// </summary>
    internal static JsonObject FloatRange(string field, CompareOp op, double c)
    {
        if (double.IsNaN(c))
            return op is CompareOp.Gt or CompareOp.Ge ? Dsl.Exists(field) : Dsl.MatchNone();
        if (op is CompareOp.Lt or CompareOp.Le)
        {
            var high = LargestFloatBelow(c, inclusive: op == CompareOp.Le);
            return high is { } h ? Dsl.Range(field, lte: JsonValue.Create((double)h)) : Dsl.MatchNone();
        }
        var low = SmallestFloatAbove(c, inclusive: op == CompareOp.Ge);
        return low is { } l ? Dsl.Range(field, gte: JsonValue.Create((double)l)) : Dsl.MatchNone();
    }

    internal static float? LargestFloatBelow(double c, bool inclusive)
    {
        if (c > float.MaxValue)
            return float.MaxValue;
        var f = (float)c;
        while (!float.IsNegativeInfinity(f) && ((double)f > c || (!inclusive && (double)f == c)))
            f = MathF.BitDecrement(f);
        return float.IsNegativeInfinity(f) ? null : f;
    }

    internal static float? SmallestFloatAbove(double c, bool inclusive)
    {
        if (c < -float.MaxValue)
            return -float.MaxValue;
        var f = (float)c;
        while (!float.IsPositiveInfinity(f) && ((double)f < c || (!inclusive && (double)f == c)))
            f = MathF.BitIncrement(f);
        return float.IsPositiveInfinity(f) ? null : f;
    }

    private static JsonObject IntegerRange(string field, CompareOp op, object value, long min, long max)
    {
        var (lo, hi) = IntegerInterval(op, value, min, max);
        if (lo > hi)
            return Dsl.MatchNone();
        if (lo == min && hi == max)
            return Dsl.Exists(field);
        return Dsl.Range(field, gte: lo == min ? null : JsonValue.Create(lo), lte: hi == max ? null : JsonValue.Create(hi));
    }

    /// <summary>The integers x in [min, max] with <c>x op value</c>, as an inclusive interval (empty when lo &gt; hi).</summary>
    internal static (long Lo, long Hi) IntegerInterval(CompareOp op, object value, long min, long max)
    {
        if (value is long or int)
        {
            var v = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            return op switch
            {
                CompareOp.Eq => v >= min && v <= max ? (v, v) : (1, 0),
                CompareOp.Lt => v == long.MinValue ? (1, 0) : (min, Math.Min(v - 1, max)),
                CompareOp.Le => (min, Math.Min(v, max)),
                CompareOp.Gt => v == long.MaxValue ? (1, 0) : (Math.Max(v + 1, min), max),
                _ => (Math.Max(v, min), max),
            };
        }
        var c = value is bool b2 ? (b2 ? 1 : 0) : Convert.ToDouble(value, CultureInfo.InvariantCulture);
        if (double.IsNaN(c))
            return op is CompareOp.Gt or CompareOp.Ge ? (min, max) : (1, 0);
        // Bounds as doubles first, clamped to the type's range, then converted: no overflow on huge constants.
        double low = min, high = max;
        switch (op)
        {
            case CompareOp.Eq: if (Math.Floor(c) != c) return (1, 0); low = high = c; break;
            case CompareOp.Lt: high = Math.Ceiling(c) - 1; break;
            case CompareOp.Le: high = Math.Floor(c); break;
            case CompareOp.Gt: low = Math.Floor(c) + 1; break;
            default: low = Math.Ceiling(c); break;
        }
        if (low > max || high < min || low > high)
            return (1, 0);
        return (low <= min ? min : (long)low, high >= max ? max : (long)high);
    }

    /// <summary>Which of false/true satisfy <c>x op value</c> (booleans order false &lt; true and compare with numbers as 0/1).</summary>
    private static IEnumerable<bool> BoolCandidates(CompareOp op, object value)
    {
        foreach (var candidate in new[] { false, true })
        {
            int order = value switch
            {
                bool b => candidate.CompareTo(b),
                string s => string.CompareOrdinal(candidate.ToString(CultureInfo.InvariantCulture), s),
                _ => (candidate ? 1.0 : 0.0).CompareTo(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            };
            var holds = op switch
            {
                CompareOp.Eq => order == 0,
                CompareOp.Lt => order < 0,
                CompareOp.Le => order <= 0,
                CompareOp.Gt => order > 0,
                _ => order >= 0,
            };
            if (holds)
                yield return candidate;
        }
    }

    private static JsonObject StringRange(string field, CompareOp op, string s)
    {
        // keyword ranges compare UTF-8 bytes, which is code-point order: the same as ordinal order outside surrogates.
        var bound = JsonValue.Create(s);
        return op switch
        {
            CompareOp.Lt => Dsl.Range(field, lt: bound),
            CompareOp.Le => Dsl.Range(field, lte: bound),
            CompareOp.Gt => Dsl.Range(field, gt: bound),
            _ => Dsl.Range(field, gte: bound),
        };
    }

    private static JsonObject Match(Field column, StringMatchPredicate match)
    {
        var field = column.Path;
        if (column.Type != ColumnType.String)
            return Dsl.MatchNone(); // the evaluator matches strings only
        if (match.Value.Length == 0)
            return Dsl.Exists(field); // every string starts with, ends with and contains ""
        if (match.Kind == StringMatchKind.StartsWith)
            return new JsonObject { ["prefix"] = new JsonObject { [field] = new JsonObject { ["value"] = match.Value } } };
        var pattern = match.Kind == StringMatchKind.EndsWith ? "*" + EscapeWildcard(match.Value) : "*" + EscapeWildcard(match.Value) + "*";
        // keyword + wildcard is case-sensitive (case_insensitive defaults to false), as the evaluator is.
        return new JsonObject { ["wildcard"] = new JsonObject { [field] = new JsonObject { ["value"] = pattern } } };
    }

    /// <summary>Wildcard syntax: <c>*</c> and <c>?</c> are operators and backslash escapes.</summary>
    internal static string EscapeWildcard(string text)
    {
        var escaped = new StringBuilder(text.Length + 4);
        foreach (var ch in text)
        {
            if (ch is '*' or '?' or '\\')
                escaped.Append('\\');
            escaped.Append(ch);
        }
        return escaped.ToString();
    }

    private static double Number(Field column, object value) => value switch
    {
        double d => d,
        float f => f,
        long l => l,
        int i => i,
        bool b => b ? 1 : 0,
        _ => throw new ArgumentException($"Column '{column.Name}' is numeric and cannot be compared with the text '{value}'."),
    };

    private static string Text(object value) => value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static JsonObject OrNoneIfEmpty(this JsonObject terms)
    {
        var values = (JsonArray)terms["terms"]!.AsObject().First().Value!;
        return values.Count == 0 ? Dsl.MatchNone() : terms;
    }
}
