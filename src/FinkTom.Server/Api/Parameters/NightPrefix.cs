using System.Globalization;

namespace FinkTom.Server.Api.Parameters;

/// <summary>
/// /api/v1/statistics' <c>date</c>: <c>YYYYMMDD</c>, <c>YYYYMM</c>, <c>YYYY</c> or empty (every night), a prefix of the
/// nights' <c>YYYYMMDD</c>. Month and day must exist (20210230 is refused), so a typo is a 400, not an empty table.
/// </summary>
public static class NightPrefix
{
    /// <summary>The prefix, or null with <paramref name="error"/> saying why the text is not one.</summary>
    public static string? Parse(string? text, out string? error)
    {
        error = null;
        var value = text?.Trim() ?? "";
        if (value.Length is not (0 or 4 or 6 or 8) || !value.All(char.IsAsciiDigit))
        {
            error = $"`date` must be YYYYMMDD, YYYYMM, YYYY or empty (every night), got '{text}'.";
            return null;
        }
        var valid = value.Length switch
        {
            0 => true,
            4 => int.Parse(value, CultureInfo.InvariantCulture) >= 1,
            6 => DateTime.TryParseExact(value + "01", "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            _ => DateTime.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        };
        if (!valid)
            error = $"`date` '{text}' is not a calendar date (YYYYMMDD, YYYYMM or YYYY).";
        return valid ? value : null;
    }
}
