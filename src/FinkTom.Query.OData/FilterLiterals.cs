using Microsoft.OData.UriParser;

namespace FinkTom.Query.OData;

/// <summary>Values a filter can compute without the store: literals, <c>now()</c>, negation, arithmetic and comparisons
/// between literals (<c>1 eq 1</c> is the constant true).</summary>
internal static class FilterLiterals
{
    /// <summary>Evaluates literals, <c>now()</c>, negation, arithmetic and comparisons between literals. Throws
    /// <see cref="ODataQueryException"/> (400) for values that cannot be combined.</summary>
    public static bool TryEvaluate(string target, SingleValueNode node, out object? value)
    {
        value = null;
        switch (FilterTranslator<object>.Unwrap(node))
        {
            case ConstantNode constant:
                value = constant.Value;
                return true;
            case SingleValueFunctionCallNode { Name: "now" } call when !call.Parameters.Any():
                value = DateTimeOffset.UtcNow;
                return true;
            case UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Negate } negate when TryEvaluate(target, negate.Operand, out var operand):
                try
                {
                    // Checked: the negation of the smallest long, int or duration has no value of its type.
                    value = operand switch
                    {
                        int i => checked(-i), long l => checked(-l), double d => -d, float f => -f, decimal m => -m, TimeSpan t => -t,
                        _ => throw new ODataQueryException($"Cannot negate '{operand}'.", target),
                    };
                }
                catch (OverflowException)
                {
                    throw new ODataQueryException($"-({operand}) is outside the range of its type.", target);
                }
                return true;
            case BinaryOperatorNode binary when Arithmetic(binary.OperatorKind) && TryEvaluate(target, binary.Left, out var a) && TryEvaluate(target, binary.Right, out var b):
                value = Calculate(target, binary.OperatorKind, a, b);
                return true;
            // Both sides constant: decided here, so that the translator only ever sees a property on one side.
            case BinaryOperatorNode binary when IsComparison(binary.OperatorKind) && TryEvaluate(target, binary.Left, out var l) && TryEvaluate(target, binary.Right, out var r):
                value = CompareConstants(target, binary.OperatorKind, l, r);
                return true;
            default:
                return false;
        }
    }

    private static object Calculate(string target, BinaryOperatorKind op, object? a, object? b)
    {
        switch (a, b)
        {
            case (DateTimeOffset t, TimeSpan d) when op is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract:
                try
                {
                    return op == BinaryOperatorKind.Add ? t + d : t - d;
                }
                catch (ArgumentOutOfRangeException)
                {
                    throw new ODataQueryException($"{t:O} {op} {d} is outside the range of dates.", target);
                }
            case (int or long, int or long) when op is not BinaryOperatorKind.Divide:
                var (x, y) = (Convert.ToInt64(a), Convert.ToInt64(b));
                try
                {
                    return op switch
                    {
                        BinaryOperatorKind.Add => checked(x + y),
                        BinaryOperatorKind.Subtract => checked(x - y),
                        BinaryOperatorKind.Multiply => checked(x * y),
                        _ => y == 0 ? throw new ODataQueryException("Division by zero.", target) : y == -1 ? 0 : x % y,
                    };
                }
                catch (OverflowException)
                {
                    throw new ODataQueryException($"{x} {op} {y} is outside the 64-bit integer range.", target);
                }
            case ({ } l, { } r) when l is int or long or float or double or decimal && r is int or long or float or double or decimal:
                var (p, q) = (Convert.ToDouble(l), Convert.ToDouble(r));
                return op switch
                {
                    BinaryOperatorKind.Add => p + q,
                    BinaryOperatorKind.Subtract => p - q,
                    BinaryOperatorKind.Multiply => p * q,
                    BinaryOperatorKind.Divide => p / q,
                    _ => p % q,
                };
            default:
                throw new ODataQueryException($"Cannot compute {a ?? "null"} {op} {b ?? "null"}.", target);
        }
    }

    // OData's rules for constants: null equals only null and orders with nothing; numbers compare by value across types.
    private static bool CompareConstants(string target, BinaryOperatorKind op, object? a, object? b)
    {
        if (a is null || b is null)
            return op switch
            {
                BinaryOperatorKind.Equal => a is null && b is null,
                BinaryOperatorKind.NotEqual => !(a is null && b is null),
                _ => false,
            };
        int order;
        if (IsNumber(a) && IsNumber(b))
        {
            var (x, y) = (Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture), Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture));
            if (double.IsNaN(x) || double.IsNaN(y))
                return op == BinaryOperatorKind.NotEqual;
            order = x.CompareTo(y);
        }
        else if (a.GetType() == b.GetType() && a is IComparable comparable)
            order = a is string s ? string.CompareOrdinal(s, (string)b) : comparable.CompareTo(b);
        else
            throw new ODataQueryException($"Cannot compare the literals '{a}' and '{b}' (types {a.GetType().Name} and {b.GetType().Name}).", target);
        return op switch
        {
            BinaryOperatorKind.Equal => order == 0,
            BinaryOperatorKind.NotEqual => order != 0,
            BinaryOperatorKind.LessThan => order < 0,
            BinaryOperatorKind.LessThanOrEqual => order <= 0,
            BinaryOperatorKind.GreaterThan => order > 0,
            _ => order >= 0,
        };
    }

    private static bool IsNumber(object value) => value is int or long or short or byte or sbyte or float or double or decimal;

    private static bool IsComparison(BinaryOperatorKind op) => op is BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual
        or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual;

    private static bool Arithmetic(BinaryOperatorKind op) =>
        op is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide or BinaryOperatorKind.Modulo;

}
