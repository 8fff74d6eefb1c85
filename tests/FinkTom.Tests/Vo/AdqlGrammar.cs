using System.Globalization;
using CsCheck;
using FinkTom.Query.Adql.Syntax;

namespace FinkTom.Tests.Vo;

/// <summary>Generators of ADQL syntax trees within the grammar FinkTom parses (any names, numbers, strings, nesting).</summary>
internal static class AdqlGrammar
{
    private static readonly string[] Words = ["ra", "dec", "magpsf", "objectId", "jd", "fid", "x", "a_b", "Col9", "classification"];

    public static readonly Gen<string> Name = Gen.Frequency(
        (4, Gen.OneOf(Words)),
        (1, Gen.String[Gen.Char['a', 'z'], 1, 6].Select(s => "c" + s)));

    // Delimited names may hold anything, quotes included.
    public static readonly Gen<string> DelimitedName = Gen.String[Gen.Char[" \"'.:_aZ9é"], 1, 8];

    public static readonly Gen<Expr> Column = Gen.Frequency(
        (4, Name.Select(n => (Expr)new ColumnRef(null, n, false))),
        (1, Gen.Select(Name, DelimitedName, (q, n) => (Expr)new ColumnRef(q, n, true))),
        (1, DelimitedName.Select(n => (Expr)new ColumnRef(null, n, true))));

    public static readonly Gen<Expr> Number = Gen.Frequency(
        (3, Gen.Long.Select(l => (Expr)new NumberLiteral(l.ToString(CultureInfo.InvariantCulture)))),
        (2, Gen.Double[-1e6, 1e6].Select(d => (Expr)new NumberLiteral(d.ToString("0.0###", CultureInfo.InvariantCulture)))),
        (1, Gen.Select(Gen.Int[1, 9], Gen.Int[-30, 30], (m, e) => (Expr)new NumberLiteral($"{m}.5e{e}"))));

    public static readonly Gen<Expr> Text = Gen.String[Gen.Char["abc%_' \"ZTF0"], 0, 10].Select(s => (Expr)new StringLiteral(s));

    public static readonly Gen<Expr> Literal = Gen.OneOf(Number, Text);

    public static readonly Gen<Expr> Point = Gen.Select(Gen.OneOf(Column, Number), Gen.OneOf(Column, Number),
        (a, b) => (Expr)new FunctionCall("POINT", [new StringLiteral("ICRS"), a, b]));

    public static readonly Gen<Expr> Geometry = Gen.OneOf(
        Gen.Select(Point, Number, Number, Number, (p, a, b, r) =>
            (Expr)new FunctionCall("CONTAINS", [p, new FunctionCall("CIRCLE", [new StringLiteral("ICRS"), a, b, r])])),
        Gen.Select(Point, Point, (p, q) => (Expr)new FunctionCall("DISTANCE", [p, q])));

    public static readonly Gen<Expr> Value = Gen.Frequency((5, Column), (4, Literal), (1, Geometry));

    private static readonly Gen<string> Operator = Gen.OneOf("=", "<>", "<", "<=", ">", ">=");

    public static Gen<Condition> Condition(int depth = 4)
    {
        var leaf = Gen.OneOf(
            Gen.Select(Value, Operator, Value, (l, o, r) => (Condition)new Comparison(l, o, r)),
            Gen.Select(Column, Literal, Literal, Gen.Bool, (v, lo, hi, n) => (Condition)new BetweenCondition(v, lo, hi, n)),
            Gen.Select(Column, Literal.List[1, 4], Gen.Bool, (v, list, n) => (Condition)new InCondition(v, list, n)),
            Gen.Select(Column, Text, Gen.Bool, Gen.Bool, (v, p, n, i) => (Condition)new LikeCondition(v, p, n, i)),
            Gen.Select(Column, Gen.Bool, (v, n) => (Condition)new NullCondition(v, n)));
        if (depth == 0)
            return leaf;
        var inner = Condition(depth - 1);
        return Gen.Frequency(
            (3, leaf),
            (1, Gen.Select(inner, inner, (a, b) => (Condition)new AndCondition(a, b))),
            (1, Gen.Select(inner, inner, (a, b) => (Condition)new OrCondition(a, b))),
            (1, inner.Select(c => (Condition)new NotCondition(c))));
    }

    private static readonly Gen<SelectItem> Item = Gen.Select(Gen.OneOf(Column, Geometry), Gen.OneOf(Gen.Const((string?)null), DelimitedName.Select(n => (string?)n)),
        (v, alias) => new SelectItem(v, alias));

    public static readonly Gen<SelectStatement> Statement = Gen.Select(
        Gen.OneOf(Gen.Const((long?)null), Gen.Long[0, long.MaxValue].Select(n => (long?)n)),
        Gen.OneOf(Gen.Const((IReadOnlyList<SelectItem>?)null), Item.List[1, 4].Select(l => (IReadOnlyList<SelectItem>?)l)),
        Gen.Select(Gen.OneOf(Gen.Const((string?)null), Name.Select(n => (string?)n)), Name, Gen.OneOf(Gen.Const((string?)null), Name.Select(n => (string?)n)),
            (s, n, a) => new TableRef(s, n, a)),
        Gen.OneOf(Gen.Const((Condition?)null), Condition().Select(c => (Condition?)c)),
        Gen.Select(Gen.OneOf(Column, Geometry, Gen.Int[1, 5].Select(i => (Expr)new NumberLiteral(i.ToString(CultureInfo.InvariantCulture)))), Gen.Bool,
            (v, d) => new OrderItem(v, d)).List[0, 3],
        Gen.OneOf(Gen.Const((long?)null), Gen.Long[0, long.MaxValue].Select(n => (long?)n)),
        (top, items, from, where, order, offset) => new SelectStatement(top, items, from, where, order, offset));
}
