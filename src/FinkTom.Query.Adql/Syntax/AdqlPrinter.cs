using System.Text;

namespace FinkTom.Query.Adql.Syntax;

/// <summary>Writes a syntax tree back as ADQL text that parses to the same tree (fully parenthesised conditions,
/// every identifier quoted). Used in error messages and by the parser's round-trip tests.</summary>
public static class AdqlPrinter
{
    public static string Print(SelectStatement statement)
    {
        var text = new StringBuilder("SELECT ");
        if (statement.Top is { } top)
            text.Append("TOP ").Append(top).Append(' ');
        text.Append(statement.Items is null ? "*" : string.Join(", ", statement.Items.Select(i => Print(i.Value) + (i.Alias is null ? "" : " AS " + Quote(i.Alias)))));
        var from = statement.From;
        text.Append(" FROM ").Append(from.Schema is null ? "" : Quote(from.Schema) + ".").Append(Quote(from.Name));
        if (from.Alias is not null)
            text.Append(" AS ").Append(Quote(from.Alias));
        if (statement.Where is { } where)
            text.Append(" WHERE ").Append(Print(where));
        if (statement.OrderBy.Count > 0)
            text.Append(" ORDER BY ").Append(string.Join(", ", statement.OrderBy.Select(o => Print(o.Value) + (o.Descending ? " DESC" : " ASC"))));
        if (statement.Offset is { } offset)
            text.Append(" OFFSET ").Append(offset);
        return text.ToString();
    }

    public static string Print(Condition condition) => condition switch
    {
        Comparison c => $"{Print(c.Left)} {c.Operator} {Print(c.Right)}",
        AndCondition a => $"({Print(a.Left)} AND {Print(a.Right)})",
        OrCondition o => $"({Print(o.Left)} OR {Print(o.Right)})",
        NotCondition n => $"NOT ({Print(n.Operand)})",
        BetweenCondition b => $"{Print(b.Value)}{(b.Negated ? " NOT" : "")} BETWEEN {Print(b.Low)} AND {Print(b.High)}",
        InCondition i => $"{Print(i.Value)}{(i.Negated ? " NOT" : "")} IN ({string.Join(", ", i.List.Select(Print))})",
        LikeCondition l => $"{Print(l.Value)}{(l.Negated ? " NOT" : "")} {(l.CaseInsensitive ? "ILIKE" : "LIKE")} {Print(l.Pattern)}",
        NullCondition n => $"{Print(n.Value)} IS {(n.Negated ? "NOT " : "")}NULL",
        _ => throw new ArgumentOutOfRangeException(nameof(condition)),
    };

    public static string Print(Expr expr) => expr switch
    {
        ColumnRef c => (c.Qualifier is null ? "" : Quote(c.Qualifier) + ".") + (c.Quoted ? Quote(c.Name) : c.Name),
        NumberLiteral n => n.Text,
        StringLiteral s => "'" + s.Value.Replace("'", "''") + "'",
        FunctionCall f => $"{f.Name}({string.Join(", ", f.Arguments.Select(Print))})",
        Star => "*",
        BinaryExpr b => $"({Print(b.Left)} {b.Operator} {Print(b.Right)})",
        _ => throw new ArgumentOutOfRangeException(nameof(expr)),
    };

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
