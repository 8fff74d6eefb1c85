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

    /// <summary>Deepest and/or/not nesting a store is given: SQLite's expression tree and JSON writers stop near 1,000,
    /// so every query language (OData $filter, ADQL WHERE) refuses more.</summary>
    public const int MaxDepth = 100;

    /// <summary>How deeply and/or/not nest (a comparison alone is 0).</summary>
    public int Depth() => this switch
    {
        AndPredicate and => 1 + Math.Max(and.Left.Depth(), and.Right.Depth()),
        OrPredicate or => 1 + Math.Max(or.Left.Depth(), or.Right.Depth()),
        NotPredicate not => 1 + not.Operand.Depth(),
        _ => 0,
    };

    /// <summary>The columns the condition reads, each once.</summary>
    public IEnumerable<string> Columns() => Read(this).Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> Read(Predicate predicate) => predicate switch
    {
        AndPredicate and => Read(and.Left).Concat(Read(and.Right)),
        OrPredicate or => Read(or.Left).Concat(Read(or.Right)),
        NotPredicate not => Read(not.Operand),
        ComparePredicate cmp => [cmp.Column],
        InPredicate @in => [@in.Column],
        StringMatchPredicate match => [match.Column],
        DatePartPredicate part => [part.Column],
        _ => throw new NotSupportedException($"Unknown predicate {predicate.GetType().Name}."),
    };
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

/// <summary>A calendar part of a UTC time, as OData's <c>month()</c>, <c>day()</c>, <c>hour()</c>, <c>minute()</c> and <c>second()</c>.</summary>
public enum DatePart
{
    Month,
    Day,
    Hour,
    Minute,
    Second,
}

/// <summary>
/// <c>part(column) op value</c> on a column holding a Julian date (UTC), e.g. "month of jd is 5". The time is first
/// rounded to the millisecond, as SQLite's date functions do, so every backend puts a boundary instant on the same side.
/// (<c>year()</c> needs no predicate of its own: it is a JD range, which an index serves.)
/// </summary>
public sealed record DatePartPredicate(string Column, DatePart Part, CompareOp Op, long Value) : Predicate;

public sealed record AndPredicate(Predicate Left, Predicate Right) : Predicate;

public sealed record OrPredicate(Predicate Left, Predicate Right) : Predicate;

public sealed record NotPredicate(Predicate Operand) : Predicate;
