using System.Globalization;
using FinkTom.Core.Sky;
using FinkTom.Query.Adql.Schema;
using FinkTom.Query.Adql.Syntax;

namespace FinkTom.Tests.Vo;

/// <summary>
/// The reference answer of a WHERE clause: SQL's three-valued logic evaluated straight on the syntax tree, row by row,
/// independent of the translator (true, false, or null for unknown). Only what the translator accepts is handled.
/// </summary>
internal static class SqlReference
{
    public static bool? Evaluate(Condition condition, TapTable table, Func<string, object?> read) => condition switch
    {
        AndCondition a => And(Evaluate(a.Left, table, read), Evaluate(a.Right, table, read)),
        OrCondition o => Not(And(Not(Evaluate(o.Left, table, read)), Not(Evaluate(o.Right, table, read)))),
        NotCondition n => Not(Evaluate(n.Operand, table, read)),
        Comparison { Left: FunctionCall { Name: "CONTAINS" } contains } => Inside(contains, table, read),
        Comparison c => Compare(Value(c.Left, table, read), c.Operator, Value(c.Right, table, read)),
        BetweenCondition b => Negate(And(Compare(Value(b.Value, table, read), ">=", Value(b.Low, table, read)),
            Compare(Value(b.Value, table, read), "<=", Value(b.High, table, read))), b.Negated),
        InCondition i => Negate(i.List.Select(v => Compare(Value(i.Value, table, read), "=", Value(v, table, read)))
            .Aggregate((bool?)false, (x, y) => Not(And(Not(x), Not(y)))), i.Negated),
        LikeCondition l => Negate(Like(Value(l.Value, table, read) as string, ((StringLiteral)l.Pattern).Value), l.Negated),
        NullCondition n => (Value(n.Value, table, read) is null) != n.Negated,
        _ => throw new NotSupportedException(condition.ToString()),
    };

    private static bool? And(bool? a, bool? b) => a == false || b == false ? false : a == true && b == true ? true : null;

    private static bool? Not(bool? a) => a is null ? null : !a;

    private static bool? Negate(bool? a, bool negated) => negated ? Not(a) : a;

    private static object? Value(Expr expr, TapTable table, Func<string, object?> read) => expr switch
    {
        ColumnRef c => read(table.Find(c.Name, c.Quoted)!.StoreColumn) is var v && v is double.NaN or float.NaN ? null : v,
        NumberLiteral n => n.IsInteger && long.TryParse(n.Text, CultureInfo.InvariantCulture, out var whole) ? (object)whole : double.Parse(n.Text, CultureInfo.InvariantCulture),
        StringLiteral s => s.Value,
        _ => throw new NotSupportedException(expr.ToString()),
    };

    private static bool? Compare(object? left, string op, object? right)
    {
        if (left is null || right is null)
            return null;
        int order;
        if (left is string s && right is string t)
            order = string.CompareOrdinal(s, t);
        else if (left is int or long && right is int or long)
            order = Convert.ToInt64(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToInt64(right, CultureInfo.InvariantCulture));
        else
            order = Convert.ToDouble(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(right, CultureInfo.InvariantCulture));
        return op switch
        {
            "=" => order == 0,
            "<>" => order != 0,
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
    }

    private static bool? Like(string? value, string pattern)
    {
        if (value is null)
            return null;
        var core = pattern.Trim('%');
        return (pattern.StartsWith('%'), pattern.EndsWith('%') && pattern.Length > 1) switch
        {
            _ when core.Length == 0 => pattern.Length == 0 ? value.Length == 0 : true,
            (true, true) => value.Contains(core, StringComparison.Ordinal),
            (false, true) => value.StartsWith(core, StringComparison.Ordinal),
            (true, false) => value.EndsWith(core, StringComparison.Ordinal),
            _ => value == core,
        };
    }

    private static bool? Inside(FunctionCall contains, TapTable table, Func<string, object?> read)
    {
        var circle = (FunctionCall)contains.Arguments[1];
        double N(int i) => double.Parse(((NumberLiteral)circle.Arguments[i]).Text, CultureInfo.InvariantCulture);
        var (ra, dec) = (read(table.Position!.Value.Ra.StoreColumn), read(table.Position!.Value.Dec.StoreColumn));
        if (ra is null || dec is null)
            return null;
        return SkyMath.SeparationDeg(N(1), N(2), Convert.ToDouble(ra, CultureInfo.InvariantCulture), Convert.ToDouble(dec, CultureInfo.InvariantCulture)) <= N(3);
    }
}
