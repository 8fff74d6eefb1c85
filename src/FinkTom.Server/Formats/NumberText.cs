using System.Globalization;
using System.Text;

namespace FinkTom.Server.Formats;

/// <summary>
/// Number formatting shared by the text formats: the shortest text that reads back to the same value of the
/// value's own type, in the invariant culture. A <see cref="float"/> is formatted as a float, so 19.3456f is
/// <c>19.3456</c>, not the <c>19.345600128173828</c> of its widening to double. (Fink's pandas output rounds
/// to 10 decimals instead; shortest round-trip loses nothing and is what .NET and JavaScript clients parse back.)
/// </summary>
internal static class NumberText
{
    public static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A 2-D array as JSON text (<c>[[1.5,null],[2,3]]</c>), NaN and infinities as null, as the JSON writer does.</summary>
    public static string ArrayAsJson(float[][] rows)
    {
        var text = new StringBuilder(rows.Length * (rows.Length == 0 ? 2 : rows[0].Length * 8 + 2) + 2);
        text.Append('[');
        for (var r = 0; r < rows.Length; r++)
        {
            if (r > 0)
            {
                text.Append(',');
            }
            text.Append('[');
            var row = rows[r];
            for (var c = 0; c < row.Length; c++)
            {
                if (c > 0)
                {
                    text.Append(',');
                }
                text.Append(float.IsFinite(row[c]) ? Format(row[c]) : "null");
            }
            text.Append(']');
        }
        return text.Append(']').ToString();
    }
}
