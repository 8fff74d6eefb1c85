using System.Globalization;
using Avro.Generic;
using FinkTom.Core.Model;

namespace FinkTom.Ingest.Decoding;

/// <summary>
/// Converts a value read by Apache.Avro's generic reader into the CLR type of a catalogue column
/// (<see cref="Alert.Values"/> holds exactly int/long/float/double/string/bool per <see cref="ColumnType"/>).
/// Spark-written files widen types (ZTF <c>float</c> → <c>double</c>, <c>int</c> → <c>long</c>), old ones carry
/// numbers where the catalogue has strings (<c>ssnamenr</c>, <c>isdiffpos</c>); values that cannot be converted
/// (records, arrays, out-of-range integers) become null rather than failing the alert.
/// </summary>
public static class ColumnValues
{
    /// <summary>The value as <paramref name="type"/>'s CLR type, or null. A value already of the right type is
    /// returned as is (no new box).</summary>
    public static object? Convert(object? value, ColumnType type) => value switch
    {
        null => null,
        _ => type switch
        {
            ColumnType.Float => value is float ? value : ToFloat(value),
            ColumnType.Double => value is double ? value : ToDouble(value),
            ColumnType.Int => value is int ? value : ToInt(value),
            ColumnType.Long => value is long ? value : ToLong(value),
            ColumnType.String => value as string ?? ToText(value),
            ColumnType.Bool => value is bool ? value : ToBool(value),
            _ => null,
        },
    };

    public static float? AsFloat(object? value) => value switch
    {
        float f => f,
        double d => (float)d,
        int i => i,
        long l => l,
        _ => null,
    };

    public static double? AsDouble(object? value) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        _ => null,
    };

    public static int? AsInt(object? value) => value switch
    {
        int i => i,
        long l and >= int.MinValue and <= int.MaxValue => (int)l,
        _ => null,
    };

    public static long? AsLong(object? value) => value switch
    {
        long l => l,
        int i => i,
        _ => null,
    };

    public static string? AsText(object? value) => value as string ?? (value is null ? null : ToText(value));

    private static object? ToFloat(object value) => AsFloat(value) is { } f ? f : ParseFloat(value);

    private static object? ToDouble(object value) => AsDouble(value) is { } d ? d : ParseDouble(value);

    private static object? ToInt(object value) => value switch
    {
        long l and >= int.MinValue and <= int.MaxValue => (int)l,
        string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        bool b => b ? 1 : 0,
        _ => null,
    };

    private static object? ToLong(object value) => value switch
    {
        int i => (long)i,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };

    private static object? ToBool(object value) => value switch
    {
        string s when bool.TryParse(s, out var b) => b,
        int i => i != 0,
        long l => l != 0,
        _ => null,
    };

    private static object? ParseFloat(object value) =>
        value is string s && float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : null;

    private static object? ParseDouble(object value) =>
        value is string s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string? ToText(object value) => value switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        GenericEnum e => e.Value,
        _ => null, // bytes, records, maps, arrays: no text form a Fink client would expect
    };
}
