namespace FinkTom.Core.Query;

/// <summary>
/// A backend-neutral condition over alert columns (catalogue names such as <c>i:magpsf</c>).
/// OData <c>$filter</c> and livestream filters parse into this tree; each store translates it
/// (SQL, Elasticsearch query DSL) and <see cref="PredicateEvaluator"/> runs it in memory.
/// Values are <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, <see cref="bool"/> or null.
/// </summary>
public abstract record Predicate
{
    public static Predicate operator &(Predicate left, Predicate right) => new AndPredicate(left, right);
    public static Predicate operator |(Predicate left, Predicate right) => new OrPredicate(left, right);
    public static Predicate operator !(Predicate operand) => new NotPredicate(operand);
}

public enum CompareOp
{
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

public enum StringMatchKind
{
    Contains,
    StartsWith,
    EndsWith,
}

/// <summary><c>column op value</c>. Comparing with null: <c>Eq</c> means "is null", <c>Ne</c> "is not null".</summary>
public sealed record ComparePredicate(string Column, CompareOp Op, object? Value) : Predicate;

/// <summary><c>column in (v1, v2, ...)</c>.</summary>
public sealed record InPredicate(string Column, IReadOnlyList<object?> Values) : Predicate;

/// <summary>Case-sensitive substring, prefix or suffix match on a string column.</summary>
public sealed record StringMatchPredicate(string Column, StringMatchKind Kind, string Value) : Predicate;

public sealed record AndPredicate(Predicate Left, Predicate Right) : Predicate;

public sealed record OrPredicate(Predicate Left, Predicate Right) : Predicate;

public sealed record NotPredicate(Predicate Operand) : Predicate;
