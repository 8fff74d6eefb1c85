using CsCheck;
using FinkTom.Query.OData;
using FinkTom.Server.OData;
using Microsoft.OData.Edm;

namespace FinkTom.Tests.Fuzz;

/// <summary>
/// OData <c>$filter</c> text built from the feed's own properties: comparisons with literals of every type (huge,
/// negative, NaN-ish numbers, null, dates, durations), literal-vs-literal comparisons, in-lists, string and date
/// functions, now(), arithmetic, and/or/not nested to a bounded depth; plus deep nesting and edits of all of it.
/// </summary>
internal static class FilterGrammar
{
    private static readonly string[] AlertProperties = AlertFeed.Set.Properties.Select(p => p.Name).ToArray();

    private static string[] Of(params EdmPrimitiveTypeKind[] kinds) =>
        AlertFeed.Set.Properties.Where(p => kinds.Contains(p.Kind)).Select(p => p.Name).ToArray();

    private static readonly string[] Texts = AlertFeed.Set.Properties.Where(p => p.Kind == EdmPrimitiveTypeKind.String && p.ToColumn is null)
        .Select(p => p.Name).ToArray();

    private static readonly string[] Ids = AlertFeed.Set.Properties.Where(p => p.ToColumn is not null && p.Kind == EdmPrimitiveTypeKind.String)
        .Select(p => p.Name).ToArray();

    private static readonly string[] Numbers = Of(EdmPrimitiveTypeKind.Int32, EdmPrimitiveTypeKind.Double);
    private static readonly string[] Dates = Of(EdmPrimitiveTypeKind.DateTimeOffset);
    private static readonly string[] Booleans = Of(EdmPrimitiveTypeKind.Boolean);

    /// <summary>A feed property, sometimes in another case, sometimes unknown or not filterable.</summary>
    public static readonly Gen<string> Property = Gen.Frequency<string>(
        (10, Gen.OneOf(AlertProperties)),
        (1, Gen.OneOf(AlertProperties).Select(p => p.ToUpperInvariant())),
        (1, Gen.OneOf("separation", "nosuchfield", "Alerts", "i:magpsf", "magpsf/x", "$it", "$it/magpsf", "objectId/length")));

    private static readonly Gen<string> NumberLiteral = Gen.Frequency<string>(
        (3, Gen.OneOf("0", "1", "-1", "5", "17.5", "0.5", "-0", "-0.0", "1e3", "1E-3", "2147483647", "2147483648", "-2147483649",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "99999999999999999999999999999",
            "1e308", "1e309", "-1e309", "4.9e-324", "1e-400", "NaN", "INF", "-INF", "1.5d", "1.5f", "1.5m", "1.5M", "0x10", "1_000", "05")),
        (2, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.Double.Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));

    private static readonly Gen<string> TextLiteral = Gen.Frequency<string>(
        (3, Gen.OneOf("'ZTF21'", "''", "'QSO'", "'RRLyr'", "'it''s'", "'%'", "'*'", "'?'", "'\\'", "'1060135832015015002'", "'-1'",
            "'99999999999999999999'", "'abc", "'''", "'é'", "'\u0000'", "'2024-05-01'")),
        (1, Mutations.AwkwardText.Select(t => "'" + t.Replace("'", "''") + "'")));

    private static readonly Gen<string> DateLiteral = Gen.Frequency<string>(
        (3, Gen.OneOf("2024-05-01T00:00:00Z", "2024-05-01", "2019-11-01T00:00:00.000Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z",
            "2024-02-29", "2023-02-29", "2024-13-45T00:00:00Z", "2024-05-01T25:00:00Z", "2024-05-01T00:00:00+14:00", "2024-05-01T00:00:00-14:00",
            "0000-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "2024-05-01T00:00:00", "now()")),
        (1, Gen.DateTime.Select(d => d.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture))));

    private static readonly Gen<string> DurationLiteral = Gen.OneOf("duration'P7D'", "duration'PT1H'", "duration'-P1D'", "duration'P99999999D'",
        "duration'P10675199DT2H48M5.4775807S'", "duration'-P10675199DT2H48M5.4775808S'", "duration'P'", "duration'x'", "duration'P1Y'");

    private static readonly Gen<string> OtherLiteral = Gen.OneOf("null", "true", "false", "guid'01234567-89ab-cdef-0123-456789abcdef'",
        "binary'AQID'", "geography'POINT(1 2)'", "FinkTom.Alert'x'", "$root", "@p", "[1,2]", "{}", "12:00:00");

    public static readonly Gen<string> Literal = Gen.Frequency<string>(
        (4, NumberLiteral), (3, TextLiteral), (2, DateLiteral), (1, DurationLiteral), (2, OtherLiteral));

    private static readonly Gen<string> Comparison = Gen.Frequency<string>(
        (8, Gen.OneOf("eq", "ne", "lt", "le", "gt", "ge")), (1, Gen.OneOf("has", "EQ", "in")));

    private static readonly Gen<string> Arithmetic = Gen.OneOf("add", "sub", "mul", "div", "mod", "divby");

    private static readonly Gen<string> DatePartFunction = Gen.OneOf("year", "month", "day", "hour", "minute", "second", "date",
        "fractionalseconds", "time", "totaloffsetminutes");

    /// <summary>A value: property, literal, now(), arithmetic of literals, a date part or another function of a property.</summary>
    private static readonly Gen<string> Operand = Gen.Frequency<string>(
        (6, Property),
        (6, Literal),
        (1, Gen.Const("now()")),
        (2, Gen.Select(Literal, Arithmetic, Literal, (a, op, b) => $"{a} {op} {b}")),
        (1, Gen.Select(Gen.Const("now()"), Gen.OneOf("add", "sub"), DurationLiteral, (a, op, b) => $"{a} {op} {b}")),
        (1, Literal.Select(l => "-" + l)),
        (2, Gen.Select(DatePartFunction, Gen.Frequency<string>((3, Gen.OneOf(Dates)), (1, Property)), (f, p) => $"{f}({p})")),
        (1, Gen.Select(Gen.OneOf("tolower", "toupper", "length", "trim", "round", "floor", "ceiling", "concat", "indexof", "cast", "isof"), Property,
            (f, p) => $"{f}({p})")));

    /// <summary>Conditions that type-check more often than not: a property of a type with a literal of that type.</summary>
    private static readonly Gen<string> TypedComparison = Gen.Frequency<string>(
        (3, Gen.Select(Gen.OneOf(Numbers), Comparison, NumberLiteral, (p, op, l) => $"{p} {op} {l}")),
        (2, Gen.Select(Gen.OneOf(Texts), Comparison, TextLiteral, (p, op, l) => $"{p} {op} {l}")),
        (1, Gen.Select(Gen.OneOf(Ids), Comparison, TextLiteral, (p, op, l) => $"{p} {op} {l}")),
        (2, Gen.Select(Gen.OneOf(Dates), Comparison, DateLiteral, (p, op, l) => $"{p} {op} {l}")),
        (1, Gen.Select(Gen.OneOf(Dates), Comparison, Gen.Select(Gen.Const("now()"), Gen.OneOf("add", "sub"), DurationLiteral, (a, o, d) => $"{a} {o} {d}"),
            (p, op, l) => $"{p} {op} {l}")),
        (1, Gen.Select(DatePartFunction, Gen.OneOf(Dates), Comparison, NumberLiteral, (f, p, op, l) => $"{f}({p}) {op} {l}")),
        (1, Gen.Select(Gen.OneOf(Booleans), Comparison, Gen.OneOf("true", "false", "null", "1"), (p, op, l) => $"{p} {op} {l}")),
        (1, Gen.Select(Literal, Comparison, Gen.OneOf(AlertProperties), (l, op, p) => $"{l} {op} {p}")));

    private static readonly Gen<string> Leaf = Gen.Frequency<string>(
        (6, TypedComparison),
        (3, Gen.Select(Operand, Comparison, Operand, (a, op, b) => $"{a} {op} {b}")),
        (2, Gen.Select(Literal, Comparison, Literal, (a, op, b) => $"{a} {op} {b}")), // literal vs literal: a constant
        (2, Gen.Select(Property, Literal.Array[0, 5], (p, items) => $"{p} in ({string.Join(",", items)})")),
        (2, Gen.Select(Gen.OneOf("contains", "startswith", "endswith", "matchesPattern"), Property, TextLiteral,
            (f, p, t) => $"{f}({p},{t})")),
        (1, Gen.Select(Gen.OneOf("contains", "startswith", "endswith"), Literal, Property, (f, t, p) => $"{f}({t},{p})")),
        (1, Gen.OneOf(Booleans)),
        (1, Gen.OneOf("true", "false", "null", "1", "'x'", "now()", "null eq null", "1 eq 1", "1 eq 1.0", "NaN eq NaN", "null lt 1",
            "'a' lt 'b'", "now() gt 2020-01-01T00:00:00Z", "2024-05-01 eq 2024-05-01T00:00:00Z", "INF gt 1e308", "1 div 0 eq 1",
            "9223372036854775807 add 1 eq 0", "-(-9223372036854775808) eq 1")),
        (1, Gen.OneOf("Objects/any(a: a/fid eq 1)", "any(x: true)", "isof(FinkTom.Alert)", "$it eq $it", "magpsf gt magnr")));

    /// <summary>A grammar-built filter, nested up to <paramref name="depth"/> levels of and/or/not/parentheses.</summary>
    public static Gen<string> Filter(int depth = 4) => Nested(Leaf, depth);

    /// <summary>Filters of well-typed comparisons only: most parse, so the translators and stores see many predicates.</summary>
    public static Gen<string> Typed(int depth = 4) => Nested(TypedComparison, depth);

    private static Gen<string> Nested(Gen<string> leaf, int depth) => Gen.Recursive<string>((d, self) => d >= depth
        ? leaf
        : Gen.Frequency<string>(
            (4, leaf),
            (2, Gen.Select(self, Gen.OneOf("and", "or", "AND", "And"), self, (a, op, b) => $"{a} {op} {b}")),
            (1, self.Select(a => $"not ({a})")),
            (1, self.Select(a => $"not {a}")),
            (1, self.Select(a => $"({a})"))));

    /// <summary>Nesting far past any sane depth (the parser's recursion limit, not the stack, must stop it).</summary>
    public static readonly Gen<string> DeepNesting = Gen.Select(Gen.Int[1, 3000],
        Gen.OneOf("not(", "(", "not ", "-", "not(not(", "((", "1 add ", "magpsf eq 1 and ", "contains(objectId,", "year("),
        Gen.OneOf("true", "magpsf gt 1", "1", "'a'", ""),
        (n, open, inner) => string.Concat(Enumerable.Repeat(open, n)) + inner + new string(')', open.Count(c => c == '(') * n));

    /// <summary>Grammar output with edits applied to its text.</summary>
    public static readonly Gen<string> Mutated = Gen.Select(Filter(3), Mutations.Edits(4), Mutations.Apply);

    /// <summary>Random text: printable, awkward characters, or filter tokens in random order.</summary>
    public static readonly Gen<string> RandomText = Gen.Frequency<string>(
        (2, Mutations.AwkwardText),
        (1, Gen.String),
        (2, Gen.OneOf("magpsf", "eq", "1", "(", ")", "not", "and", "or", "'", "'x'", ",", "in", "null", "now()", "/", "$", "-", " ", "year(",
            "lastdate", "2024-05-01T00:00:00Z", "duration'P1D'").Array[0, 20].Select(tokens => string.Join(" ", tokens))));

    /// <summary>Every kind of filter text, weighted towards the grammar.</summary>
    public static readonly Gen<string> Any = Gen.Frequency<string>(
        (4, Filter()), (3, Typed()), (2, Mutated), (2, RandomText), (1, DeepNesting));
}
