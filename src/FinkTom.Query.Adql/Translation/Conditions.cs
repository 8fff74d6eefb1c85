using System.Globalization;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Query.Adql.Schema;
using FinkTom.Query.Adql.Syntax;

namespace FinkTom.Query.Adql.Translation;

/// <summary>
/// WHERE conditions → <see cref="Predicate"/>, in negation normal form so that SQL's three-valued logic holds on every
/// backend: <see cref="Positive"/> is "the condition is true", <see cref="Negative"/> "the condition is false"; with a
/// null column both are false. Each comparison is between a column and a literal of its type.
/// </summary>
internal sealed class Conditions(AdqlTranslator translator)
{
    public Predicate Positive(Condition condition) => condition switch
    {
        AndCondition and => Positive(and.Left) & Positive(and.Right),
        OrCondition or => Positive(or.Left) | Positive(or.Right),
        NotCondition not => Negative(not.Operand),
        Comparison c => Compare(c, negate: false),
        BetweenCondition b when b.Negated => Negative(b with { Negated = false }),
        BetweenCondition b => Bound(b.Value, CompareOp.Ge, b.Low) & Bound(b.Value, CompareOp.Le, b.High),
        InCondition i when i.Negated => Negative(i with { Negated = false }),
        InCondition i => In(i),
        LikeCondition l when l.Negated => Negative(l with { Negated = false }),
        LikeCondition l => Like(l),
        NullCondition n => new ComparePredicate(ColumnOf(n.Value, "IS NULL").StoreColumn, n.Negated ? CompareOp.Ne : CompareOp.Eq, null),
        _ => throw new AdqlException("Unsupported condition."),
    };

    public Predicate Negative(Condition condition) => condition switch
    {
        AndCondition and => Negative(and.Left) | Negative(and.Right),
        OrCondition or => Negative(or.Left) & Negative(or.Right),
        NotCondition not => Positive(not.Operand),
        Comparison c => Compare(c, negate: true),
        BetweenCondition b when b.Negated => Positive(b with { Negated = false }),
        BetweenCondition b => Bound(b.Value, CompareOp.Lt, b.Low) | Bound(b.Value, CompareOp.Gt, b.High),
        InCondition i when i.Negated => Positive(i with { Negated = false }),
        InCondition i => !In(i) & NotNull(i.Value),
        LikeCondition l when l.Negated => Positive(l with { Negated = false }),
        LikeCondition l => !Like(l) & NotNull(l.Value),
        NullCondition n => Positive(n with { Negated = !n.Negated }),
        _ => throw new AdqlException("Unsupported condition."),
    };

    private Predicate NotNull(Expr value) => new ComparePredicate(ColumnOf(value, "").StoreColumn, CompareOp.Ne, null);

    private Predicate Compare(Comparison comparison, bool negate)
    {
        if (Geometry.IsGeometric(comparison))
            throw new AdqlException("CONTAINS(...) = 1 and DISTANCE(...) < r must be ANDed at the top level of WHERE (not under OR or NOT, and not compared otherwise).");
        var (left, op, right) = (comparison.Left, comparison.Operator, comparison.Right);
        if (left is not ColumnRef && right is ColumnRef)
            (left, op, right) = (right, Flip(op), left);
        var column = ColumnOf(left, "in a comparison");
        if (right is ColumnRef)
            throw new AdqlException($"Comparing two columns ({AdqlPrinter.Print(comparison)}) is not supported; compare a column with a literal value.");
        var value = Literal(column, right);
        var compare = op switch
        {
            "=" => negate ? CompareOp.Ne : CompareOp.Eq,
            "<>" => negate ? CompareOp.Eq : CompareOp.Ne,
            "<" => negate ? CompareOp.Ge : CompareOp.Lt,
            "<=" => negate ? CompareOp.Gt : CompareOp.Le,
            ">" => negate ? CompareOp.Le : CompareOp.Gt,
            _ => negate ? CompareOp.Lt : CompareOp.Ge,
        };
        var predicate = new ComparePredicate(column.StoreColumn, compare, value);
        // The model's "ne" holds for a null column; SQL's <> does not.
        return compare == CompareOp.Ne ? predicate & NotNull(left) : predicate;
    }

    internal static string Flip(string op) => op switch
    {
        "<" => ">",
        "<=" => ">=",
        ">" => "<",
        ">=" => "<=",
        _ => op,
    };

    private Predicate Bound(Expr value, CompareOp op, Expr bound)
    {
        var column = ColumnOf(value, "before BETWEEN");
        return new ComparePredicate(column.StoreColumn, op, Literal(column, bound));
    }

    private Predicate In(InCondition condition)
    {
        var column = ColumnOf(condition.Value, "before IN");
        if (condition.List.Count > AdqlTranslator.MaxInValues)
            throw new AdqlException($"IN lists at most {AdqlTranslator.MaxInValues} values, not {condition.List.Count}.");
        return new InPredicate(column.StoreColumn, condition.List.Select(v => Literal(column, v)).ToList());
    }

    private Predicate Like(LikeCondition like)
    {
        if (like.CaseInsensitive)
            throw new AdqlException("ILIKE is not supported; LIKE is (case-sensitive).");
        var column = ColumnOf(like.Value, "before LIKE");
        if (column.Type != ColumnType.String)
            throw new AdqlException($"LIKE applies to text columns; '{column.Name}' is not one.");
        if (like.Pattern is not StringLiteral { Value: var pattern })
            throw new AdqlException("LIKE needs a quoted pattern, e.g. objectId LIKE 'ZTF21%'.");
        var core = pattern.Trim('%');
        var (leading, trailing) = (pattern.StartsWith('%'), pattern.EndsWith('%'));
        if (core.Contains('%') || core.Contains('_'))
            throw new AdqlException($"The LIKE pattern '{pattern}' is not supported: only '%' at the start and/or end is (no '_', no '%' inside).");
        if (core.Length == 0)
            return pattern.Length == 0 ? new ComparePredicate(column.StoreColumn, CompareOp.Eq, "") : new ComparePredicate(column.StoreColumn, CompareOp.Ne, null);
        return (leading, trailing) switch
        {
            (true, true) => new StringMatchPredicate(column.StoreColumn, StringMatchKind.Contains, core),
            (false, true) => new StringMatchPredicate(column.StoreColumn, StringMatchKind.StartsWith, core),
            (true, false) => new StringMatchPredicate(column.StoreColumn, StringMatchKind.EndsWith, core),
            _ => new ComparePredicate(column.StoreColumn, CompareOp.Eq, core),
        };
    }

    private TapColumn ColumnOf(Expr expr, string where) => expr is ColumnRef reference
        ? translator.Column(reference)
        : throw AdqlTranslator.Unsupported(expr, where.Length == 0 ? "here" : where);

    /// <summary>A literal as the column's value type: long for integer columns (64-bit ids exact), double for other
    /// numbers, text for text; anything else is refused.</summary>
    internal static object Literal(TapColumn column, Expr expr)
    {
        switch (expr)
        {
            case NumberLiteral number when column.Type == ColumnType.String:
                throw new AdqlException($"'{column.Name}' holds text: compare it with a quoted string, not {number.Text}.");
            case NumberLiteral { IsInteger: true } number when column.Type is ColumnType.Int or ColumnType.Long or ColumnType.Bool:
                if (!long.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                    throw new AdqlException($"{number.Text} is outside the range of 64-bit integers.");
                return column.Type == ColumnType.Bool ? whole != 0 : whole;
            case NumberLiteral number:
                var value = double.Parse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
                return double.IsFinite(value) ? value : throw new AdqlException($"{number.Text} is not a finite number.");
            case StringLiteral text when column.Type == ColumnType.String:
                return text.Value;
            case StringLiteral text:
                throw new AdqlException($"'{column.Name}' holds numbers: compare it with a number, not '{text.Value}'.");
            default:
                throw AdqlTranslator.Unsupported(expr, $"as a value compared with '{column.Name}'");
        }
    }
}
