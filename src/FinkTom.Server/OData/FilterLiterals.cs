using Microsoft.OData.UriParser;

namespace FinkTom.Server.OData;

/// <summary>Values a filter can compute without the store: literals, <c>now()</c>, negation and arithmetic between literals.</summary>
internal static class FilterLiterals
{
    /// <summary>Evaluates literals, <c>now()</c>, negation and arithmetic between literals.</summary>
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
                value = operand switch
                {
                    int i => -i, long l => -l, double d => -d, float f => -f, decimal m => -m, TimeSpan t => -t,
                    _ => throw new ODataQueryException($"Cannot negate '{operand}'.", target),
                };
                return true;
            case BinaryOperatorNode binary when Arithmetic(binary.OperatorKind) && TryEvaluate(target, binary.Left, out var a) && TryEvaluate(target, binary.Right, out var b):
                value = Calculate(target, binary.OperatorKind, a, b);
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
                return op == BinaryOperatorKind.Add ? t + d : t - d;
            case (int or long, int or long) when op is not BinaryOperatorKind.Divide:
                var (x, y) = (Convert.ToInt64(a), Convert.ToInt64(b));
                return op switch
                {
                    BinaryOperatorKind.Add => x + y,
                    BinaryOperatorKind.Subtract => x - y,
                    BinaryOperatorKind.Multiply => x * y,
                    _ => y == 0 ? throw new ODataQueryException("Division by zero.", target) : x % y,
                };
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

    private static bool Arithmetic(BinaryOperatorKind op) =>
        op is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide or BinaryOperatorKind.Modulo;

}
