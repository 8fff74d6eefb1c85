namespace FinkTom.Query.Adql.Syntax;

/// <summary>The part of ADQL's grammar FinkTom parses: one SELECT over one table. Constructs the parser recognises but
/// the translator refuses (functions other than the geometric ones, arithmetic) still get a node, so the error can name them.</summary>
public sealed record SelectStatement(
    long? Top,
    IReadOnlyList<SelectItem>? Items,
    TableRef From,
    Condition? Where,
    IReadOnlyList<OrderItem> OrderBy,
    long? Offset);

/// <summary>A select-list entry: an expression with its optional <c>AS</c> name. A null <see cref="Items"/> list means <c>*</c>.</summary>
public sealed record SelectItem(Expr Value, string? Alias);

/// <summary><c>[schema.]table [AS alias]</c>.</summary>
public sealed record TableRef(string? Schema, string Name, string? Alias)
{
    public string FullName => Schema is null ? Name : $"{Schema}.{Name}";
}

/// <summary>An <c>ORDER BY</c> key: an expression (a column, an alias, a select-list position or DISTANCE(...)).</summary>
public sealed record OrderItem(Expr Value, bool Descending);

public abstract record Expr;

/// <summary><c>[qualifier.]name</c>; <see cref="Quoted"/> for a "delimited identifier", compared exactly.</summary>
public sealed record ColumnRef(string? Qualifier, string Name, bool Quoted) : Expr;

/// <summary>A number as written (<c>-1.5e3</c>); <see cref="IsInteger"/> when it has no point or exponent.</summary>
public sealed record NumberLiteral(string Text) : Expr
{
    public bool IsInteger => !Text.Contains('.') && !Text.Contains('e', StringComparison.OrdinalIgnoreCase);
}

public sealed record StringLiteral(string Value) : Expr;

/// <summary><c>NAME(arg, ...)</c>; <c>COUNT(*)</c> has a single <see cref="Star"/> argument.</summary>
public sealed record FunctionCall(string Name, IReadOnlyList<Expr> Arguments) : Expr;

/// <summary>The <c>*</c> of <c>COUNT(*)</c>.</summary>
public sealed record Star : Expr;

/// <summary>Arithmetic or concatenation (<c>a + b</c>, <c>a || b</c>), parsed only to be refused by name.</summary>
public sealed record BinaryExpr(Expr Left, string Operator, Expr Right) : Expr;

public abstract record Condition;

public sealed record Comparison(Expr Left, string Operator, Expr Right) : Condition;

public sealed record AndCondition(Condition Left, Condition Right) : Condition;

public sealed record OrCondition(Condition Left, Condition Right) : Condition;

public sealed record NotCondition(Condition Operand) : Condition;

public sealed record BetweenCondition(Expr Value, Expr Low, Expr High, bool Negated) : Condition;

public sealed record InCondition(Expr Value, IReadOnlyList<Expr> List, bool Negated) : Condition;

public sealed record LikeCondition(Expr Value, Expr Pattern, bool Negated, bool CaseInsensitive) : Condition;

public sealed record NullCondition(Expr Value, bool Negated) : Condition;
