using FinkTom.Core.Model;
using FinkTom.Core.Query;
using Microsoft.Data.Sqlite;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// Translates a <see cref="Predicate"/> into a SQL condition over table alias <c>a</c>, with parameters.
/// Null handling matches <see cref="PredicateEvaluator"/> (OData's two-valued logic): <c>ne</c> is true for a
/// null column, every other comparison false, and <c>not</c> of a false comparison is true.
/// </summary>
internal sealed class SqlPredicateTranslator(SqliteCommand command)
{
    public string Translate(Predicate predicate) => predicate switch
    {
        AndPredicate and => $"({Translate(and.Left)} AND {Translate(and.Right)})",
        OrPredicate or => $"({Translate(or.Left)} OR {Translate(or.Right)})",
        // COALESCE turns SQL's unknown into false before negating, as the in-memory evaluator does.
        NotPredicate not => $"(NOT COALESCE({Translate(not.Operand)}, 0))",
        ComparePredicate cmp => Compare(cmp),
        InPredicate @in => In(@in),
        StringMatchPredicate match => Match(match),
        _ => throw new NotSupportedException($"Unknown predicate {predicate.GetType().Name}."),
    };

    public static string ColumnSql(string name) =>
        name == "i:candid" ? "a.candid" : $"a.\"{ColumnCatalog.Get(name).SafeName}\"";

    private string Compare(ComparePredicate cmp)
    {
        var column = ColumnSql(cmp.Column);
        if (cmp.Value is null)
            return cmp.Op switch
            {
                CompareOp.Eq => $"({column} IS NULL)",
                CompareOp.Ne => $"({column} IS NOT NULL)",
                _ => "0",
            };
        var p = Parameter(cmp.Value);
        return cmp.Op switch
        {
            CompareOp.Eq => $"({column} IS {p})",
            CompareOp.Ne => $"({column} IS NOT {p})",
            CompareOp.Lt => $"COALESCE({column} < {p}, 0)",
            CompareOp.Le => $"COALESCE({column} <= {p}, 0)",
            CompareOp.Gt => $"COALESCE({column} > {p}, 0)",
            CompareOp.Ge => $"COALESCE({column} >= {p}, 0)",
            _ => throw new NotSupportedException(cmp.Op.ToString()),
        };
    }

    private string In(InPredicate @in)
    {
        var values = @in.Values.Where(v => v is not null).ToList();
        if (values.Count == 0)
            return "0";
        return $"COALESCE({ColumnSql(@in.Column)} IN ({string.Join(", ", values.Select(Parameter))}), 0)";
    }

    private string Match(StringMatchPredicate match)
    {
        var column = ColumnSql(match.Column);
        var p = Parameter(match.Value);
        // instr/substr are case-sensitive, unlike LIKE, and need no wildcard escaping.
        return match.Kind switch
        {
            StringMatchKind.Contains => $"COALESCE(instr({column}, {p}) > 0, 0)",
            StringMatchKind.StartsWith => $"COALESCE(substr({column}, 1, length({p})) = {p}, 0)",
            StringMatchKind.EndsWith => $"COALESCE(length({column}) >= length({p}) AND substr({column}, length({column}) - length({p}) + 1) = {p}, 0)",
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
