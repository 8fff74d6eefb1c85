using FinkTom.Core.Model;
using FinkTom.Core.Query;
using Microsoft.Data.Sqlite;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// Translates a <see cref="Predicate"/> into a SQL condition over table alias <c>a</c>, with parameters.
/// Null handling matches <see cref="PredicateEvaluator"/> (OData's two-valued logic): <c>ne</c> is true for a
/// null column, every other comparison false, and <c>not</c> of a false comparison is true.
/// Outside a <c>not</c>, SQL's unknown already acts as false in WHERE (AND/OR are monotone), so comparisons stay
/// bare there and SQLite can serve them from an index (<c>candid &gt; x</c> for keyset paging, <c>jd &gt;= x</c>);
/// only under <c>not</c> are they made strictly two-valued with COALESCE.
/// </summary>
/// <param name="columnSql">A column's SQL by its Fink name: the survey's alerts (<see cref="SqliteSchema.ColumnSql(string)"/>)
/// or the object summaries.</param>
internal sealed class SqlPredicateTranslator(SqliteCommand command, Func<string, string> columnSql)
{
    private readonly Func<string, string> _columnSql = columnSql;

    public string Translate(Predicate predicate) => Translate(predicate, strict: false);

    /// <param name="strict">The result must be 0 or 1, never NULL (the operand of a NOT).</param>
    private string Translate(Predicate predicate, bool strict) => predicate switch
    {
        AndPredicate and => $"({Translate(and.Left, strict)} AND {Translate(and.Right, strict)})",
        OrPredicate or => $"({Translate(or.Left, strict)} OR {Translate(or.Right, strict)})",
        NotPredicate not => $"(NOT {Translate(not.Operand, strict: true)})",
        ComparePredicate cmp => Compare(_columnSql(cmp.Column), cmp.Op, cmp.Value, strict),
        DatePartPredicate part => Compare(DatePartSql(part), part.Op, part.Value, strict),
        InPredicate @in => Strict(In(@in), strict),
        StringMatchPredicate match => Strict(Match(match), strict),
        _ => throw new NotSupportedException($"Unknown predicate {predicate.GetType().Name}."),
    };

    // COALESCE turns SQL's unknown into false, as the in-memory evaluator does.
    private static string Strict(string condition, bool strict) => strict ? $"COALESCE({condition}, 0)" : condition;

    private string Compare(string column, CompareOp op, object? value, bool strict)
    {
        if (value is null)
            return op switch
            {
                CompareOp.Eq => $"({column} IS NULL)",
                CompareOp.Ne => $"({column} IS NOT NULL)",
                _ => "0",
            };
        // A boolean as a literal: the same truth as a bound 1 or 0, and a partial index "WHERE flag IS 1" can serve it.
        var p = value is bool flag && op is CompareOp.Eq or CompareOp.Ne ? (flag ? "1" : "0") : Parameter(value);
        return op switch
        {
            CompareOp.Eq => $"({column} IS {p})",
            CompareOp.Ne => $"({column} IS NOT {p})",
            CompareOp.Lt => Strict($"{column} < {p}", strict),
            CompareOp.Le => Strict($"{column} <= {p}", strict),
            CompareOp.Gt => Strict($"{column} > {p}", strict),
            CompareOp.Ge => Strict($"{column} >= {p}", strict),
            _ => throw new NotSupportedException(op.ToString()),
        };
    }

    // SQLite reads a number as a Julian day (rounded to the millisecond) and yields NULL for a NULL time.
    private string DatePartSql(DatePartPredicate part)
    {
        var format = part.Part switch
        {
            DatePart.Month => "%m",
            DatePart.Day => "%d",
            DatePart.Hour => "%H",
            DatePart.Minute => "%M",
            _ => "%S",
        };
        return $"CAST(strftime('{format}', {_columnSql(part.Column)}) AS INTEGER)";
    }

    private string In(InPredicate @in)
    {
        var values = @in.Values.Where(v => v is not null).ToList();
        if (values.Count == 0)
            return "0";
        return $"{_columnSql(@in.Column)} IN ({string.Join(", ", values.Select(Parameter))})";
    }

    private string Match(StringMatchPredicate match)
    {
        var column = _columnSql(match.Column);
        var p = Parameter(match.Value);
        // instr/substr are case-sensitive, unlike LIKE, and need no wildcard escaping.
        return match.Kind switch
        {
            StringMatchKind.Contains => $"instr({column}, {p}) > 0",
            StringMatchKind.StartsWith => $"substr({column}, 1, length({p})) = {p}",
            StringMatchKind.EndsWith => $"(length({column}) >= length({p}) AND substr({column}, length({column}) - length({p}) + 1) = {p})",
            _ => throw new NotSupportedException(match.Kind.ToString()),
        };
    }

    public string Parameter(object? value)
    {
        var name = "$p" + command.Parameters.Count;
        command.Parameters.AddWithValue(name, SqliteValues.ToDb(value));
        return name;
    }
}
