using FinkTom.Core.Query;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace FinkTom.Query.OData;

/// <summary>
/// Translates a parsed <c>$filter</c> (Microsoft.OData.UriParser's syntax tree) into FinkTom's <see cref="Predicate"/>
/// over store columns, so that the store runs it. Supported: <c>eq ne lt le gt ge</c>, <c>and or not</c>, <c>in</c>,
/// <c>contains/startswith/endswith</c>, <c>year() month() day() hour() minute() second() date()</c> of a date-time
/// compared with a literal,
/// <c>now()</c> and constant arithmetic (<c>now() sub duration'P7D'</c>). Anything else the parser accepts
/// (comparing two properties, <c>tolower</c>, lambdas...) is refused with 501 and a message saying what to write instead.
/// </summary>
public sealed class FilterTranslator<T>(FeedSet<T> set, string target = "$filter")
{
    /// <summary>Deepest and/or/not nesting accepted (<see cref="Predicate.MaxDepth"/>).</summary>
    public const int MaxDepth = Predicate.MaxDepth;

    public Predicate? Translate(FilterClause filter)
    {
        var predicate = Translate(filter.Expression);
        if (predicate is not null && predicate.Depth() > MaxDepth)
            throw Invalid($"The filter nests and/or/not more than {MaxDepth} levels deep; write long lists of values with 'in'.");
        return predicate;
    }

    /// <summary>Null means "every row" (<c>$filter=true</c>).</summary>
    public Predicate? Translate(SingleValueNode node)
    {
        if (FilterLiterals.TryEvaluate(target, node, out var constant))
        {
            return constant switch
            {
                true => null,
                false => Never(),
                _ => throw Invalid($"The filter must be a condition, not the value {constant ?? "null"}."),
            };
        }
        return Condition(node);
    }

    private Predicate Condition(SingleValueNode node)
    {
        switch (Unwrap(node))
        {
            case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and:
                return Optional(and.Left) is { } l ? (Optional(and.Right) is { } r ? l & r : l) : Optional(and.Right) ?? Always();
            case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or:
                return (Optional(or.Left), Optional(or.Right)) is ({ } left, { } right) ? left | right : Always();
            case BinaryOperatorNode binary when Comparison(binary.OperatorKind) is { } op:
                return Compare(binary.Left, op, binary.Right);
            case BinaryOperatorNode binary:
                throw NotImplemented($"The operator '{binary.OperatorKind}' can only be used between literals; write the comparison with a literal value.");
            case UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not:
                return Optional(not.Operand) is { } operand ? !operand : Never();
            case InNode @in:
                return In(@in);
            case SingleValueFunctionCallNode call when call.Name is "contains" or "startswith" or "endswith":
                return Match(call);
            case SingleValuePropertyAccessNode access when access.TypeReference?.IsBoolean() == true:
                return new ComparePredicate(Column(access, out _), CompareOp.Eq, true);
            case AnyNode or AllNode:
                throw NotImplemented("Lambda operators (any, all) are not supported; filter the related set instead.");
            case SingleValueFunctionCallNode call:
                throw NotImplemented($"The function '{call.Name}' is not supported in $filter here.");
            case var other:
                throw NotImplemented($"This kind of expression ({other.Kind}) is not supported in $filter.");
        }
    }

    // A sub-condition that may be a constant: null stands for "always true".
    private Predicate? Optional(SingleValueNode node) => Translate(node);

    private Predicate Always() => new ComparePredicate(set.Key.Column!, CompareOp.Ne, null);

    private Predicate Never() => new InPredicate(set.Key.Column!, []);

    private Predicate Compare(SingleValueNode left, CompareOp op, SingleValueNode right)
    {
        // A literal on the left is turned round once (5 lt magpsf → magpsf gt 5); two literals never get here, as
        // FilterLiterals decides those (a second swap would recurse for ever).
        if (FilterLiterals.TryEvaluate(target, left, out var value))
            return FilterLiterals.TryEvaluate(target, right, out _)
                ? throw Invalid("A comparison between two literals is a constant; compare a property with a literal.")
                : Compare(right, Flip(op), left);
        if (!FilterLiterals.TryEvaluate(target, right, out value))
            throw NotImplemented("Comparing two properties (or expressions) is not supported; compare a property with a literal value.");

        switch (Unwrap(left))
        {
            case SingleValuePropertyAccessNode access:
                var column = Column(access, out var property);
                return new ComparePredicate(column, op, ToColumn(property, value));
            case SingleValueFunctionCallNode call when call.Name is "year" or "date":
                return DatePart(call, op, value);
            case SingleValueFunctionCallNode call when Part(call.Name) is { } part:
                return CalendarPart(call, part, op, value);
            case SingleValueFunctionCallNode call:
                throw NotImplemented($"'{call.Name}(...)' cannot be compared here; of the functions, only year(), month(), day(), hour(), minute(), second() and date() of a date-time can. Compare the date-time itself with a range instead, e.g. lastdate ge 2024-05-01T00:00:00Z and lastdate lt 2024-06-01T00:00:00Z.");
            default:
                throw NotImplemented("Only a property or a date part of one (year(lastdate), month(lastdate), ...) can be compared with a literal.");
        }
    }

    private static DatePart? Part(string function) => function switch
    {
        "month" => Core.Query.DatePart.Month,
        "day" => Core.Query.DatePart.Day,
        "hour" => Core.Query.DatePart.Hour,
        "minute" => Core.Query.DatePart.Minute,
        "second" => Core.Query.DatePart.Second,
        _ => null,
    };

    // month(d) eq 5 and the like: no JD range expresses it, so the store computes the part (no index helps; say so in docs).
    private Predicate CalendarPart(SingleValueFunctionCallNode call, DatePart part, CompareOp op, object? value)
    {
        var column = DateTimeColumn(call, out var property);
        if (property.NoCalendarPartsReason is { } reason)
            throw NotImplemented(reason);
        if (value is null)
            return new ComparePredicate(column, op == CompareOp.Ne ? CompareOp.Ne : CompareOp.Eq, null);
        if (value is not (int or long or short or byte))
            throw Invalid($"{call.Name}() compares with a whole number, not '{value}'.");
        return new DatePartPredicate(column, part, op, Convert.ToInt64(value));
    }

    private string DateTimeColumn(SingleValueFunctionCallNode call, out FeedProperty<T> property)
    {
        var argument = call.Parameters.SingleOrDefault() as SingleValueNode;
        if (argument is null || Unwrap(argument) is not SingleValuePropertyAccessNode access)
            throw NotImplemented($"{call.Name}() must be applied to a property.");
        var column = Column(access, out property);
        if (property.Kind != Microsoft.OData.Edm.EdmPrimitiveTypeKind.DateTimeOffset)
            throw Invalid($"{call.Name}() applies to a date-time property, not to '{property.Name}'.");
        return column;
    }

    // year(d) eq 2024 ⇔ start(2024) ≤ d < start(2025); the other operators follow from the same bucket bounds.
    private Predicate DatePart(SingleValueFunctionCallNode call, CompareOp op, object? value)
    {
        var column = DateTimeColumn(call, out var property);
        if (value is null)
            return new ComparePredicate(column, op == CompareOp.Ne ? CompareOp.Ne : CompareOp.Eq, null);
        var (start, end) = call.Name == "year"
            ? (new DateTime(Year(value), 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(Year(value) + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc))
            : FeedValues.Day(value) is { } day
                ? (day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))
                : throw Invalid($"date() compares with a date such as 2024-05-01, not '{value}'.");
        var (s, e) = (ToColumn(property, new DateTimeOffset(start)), ToColumn(property, new DateTimeOffset(end)));
        return op switch
        {
            CompareOp.Eq => new ComparePredicate(column, CompareOp.Ge, s) & new ComparePredicate(column, CompareOp.Lt, e),
            CompareOp.Ne => !(new ComparePredicate(column, CompareOp.Ge, s) & new ComparePredicate(column, CompareOp.Lt, e)),
            CompareOp.Lt => new ComparePredicate(column, CompareOp.Lt, s),
            CompareOp.Le => new ComparePredicate(column, CompareOp.Lt, e),
            CompareOp.Gt => new ComparePredicate(column, CompareOp.Ge, e),
            _ => new ComparePredicate(column, CompareOp.Ge, s),
        };
    }

    private int Year(object value) => value switch
    {
        int or long when Convert.ToInt64(value) is >= 1 and <= 9998 => Convert.ToInt32(value),
        _ => throw Invalid($"year() compares with a whole year such as 2024, not '{value}'."),
    };

    private Predicate In(InNode node)
    {
        if (Unwrap(node.Left) is not SingleValuePropertyAccessNode access)
            throw NotImplemented("'in' must have a property on its left.");
        if (node.Right is not CollectionConstantNode list)
            throw NotImplemented("'in' needs a list of literals on its right, e.g. classification in ('QSO','RRLyr').");
        var column = Column(access, out var property);
        return new InPredicate(column, list.Collection.Select(c => ToColumn(property, c.Value)).ToList());
    }

    private Predicate Match(SingleValueFunctionCallNode call)
    {
        var arguments = call.Parameters.OfType<SingleValueNode>().ToList();
        if (arguments.Count != 2 || Unwrap(arguments[0]) is not SingleValuePropertyAccessNode access || !FilterLiterals.TryEvaluate(target, arguments[1], out var value))
            throw NotImplemented($"{call.Name}() takes a property and a literal text, e.g. {call.Name}(objectId,'ZTF21').");
        var column = Column(access, out var property);
        if (property.Kind != Microsoft.OData.Edm.EdmPrimitiveTypeKind.String || property.ToColumn is not null)
            throw Invalid($"{call.Name}() applies to text properties; '{property.Name}' is not one.");
        if (value is not string text)
            throw Invalid($"{call.Name}() needs a text literal in quotes.");
        var kind = call.Name switch
        {
            "contains" => StringMatchKind.Contains,
            "startswith" => StringMatchKind.StartsWith,
            _ => StringMatchKind.EndsWith,
        };
        return new StringMatchPredicate(column, kind, text);
    }

    private string Column(SingleValuePropertyAccessNode access, out FeedProperty<T> property)
    {
        property = set.Find(access.Property.Name) ?? throw Invalid($"'{access.Property.Name}' is not a property of {set.TypeName}.");
        if (property.Column == SortKey.SeparationColumn)
            throw Invalid("'separation' cannot be filtered on; choose the cone's radius instead (it can be sorted on in Cone results).");
        return property.Column ?? throw Invalid(property.NotQueryableReason ?? $"'{property.Name}' cannot be used in $filter.");
    }

    private object? ToColumn(FeedProperty<T> property, object? literal)
    {
        if (literal is null)
            return null;
        try
        {
            return property.ToColumn is { } convert ? convert(literal) : Normalise(literal);
        }
        catch (ODataQueryException e)
        {
            throw new ODataQueryException($"{property.Name}: {e.Message}", target, e.StatusCode);
        }
    }

    /// <summary>Literal values as the store's predicate values: long, double, string or bool.</summary>
    private object Normalise(object literal) => literal switch
    {
        string or bool => literal,
        int or long or short or byte or sbyte => Convert.ToInt64(literal),
        float or double or decimal when Convert.ToDouble(literal, System.Globalization.CultureInfo.InvariantCulture) is var number && double.IsFinite(number) => number,
        float or double => throw Invalid($"The number {literal} is out of range; write a finite number."),
        _ => throw Invalid($"The literal '{literal}' ({literal.GetType().Name}) cannot be compared here."),
    };

    private static CompareOp? Comparison(BinaryOperatorKind op) => op switch
    {
        BinaryOperatorKind.Equal => CompareOp.Eq,
        BinaryOperatorKind.NotEqual => CompareOp.Ne,
        BinaryOperatorKind.LessThan => CompareOp.Lt,
        BinaryOperatorKind.LessThanOrEqual => CompareOp.Le,
        BinaryOperatorKind.GreaterThan => CompareOp.Gt,
        BinaryOperatorKind.GreaterThanOrEqual => CompareOp.Ge,
        _ => null,
    };

    private static CompareOp Flip(CompareOp op) => op switch
    {
        CompareOp.Lt => CompareOp.Gt,
        CompareOp.Le => CompareOp.Ge,
        CompareOp.Gt => CompareOp.Lt,
        CompareOp.Ge => CompareOp.Le,
        _ => op,
    };

    internal static SingleValueNode Unwrap(SingleValueNode node) => node is ConvertNode convert ? Unwrap(convert.Source) : node;

    private ODataQueryException Invalid(string message) => new(message, target);

    private ODataQueryException NotImplemented(string message) => ODataQueryException.NotImplemented(message, target);
}
