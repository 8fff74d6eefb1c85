using System.Globalization;

namespace FinkTom.Core.Time;

/// <summary>Julian dates (UTC, as ZTF's <c>jd</c>) and the time strings the Fink API accepts and writes.</summary>
public static class JulianDate
{
    public const double UnixEpochJd = 2440587.5;
    public const double MjdOffset = 2400000.5;

    /// <summary>TAI − UTC in days: 37 s since 2017-01-01, no leap second announced since (Rubin's times are TAI).</summary>
    public const double TaiMinusUtcDays = 37.0 / 86_400;

    /// <summary>Start of Fink operations, the default start of every date search: 2019-11-01 00:00:00 UTC.</summary>
    public static readonly double FinkStartJd = FromDateTime(new DateTime(2019, 11, 1, 0, 0, 0, DateTimeKind.Utc));

    public static double FromDateTime(DateTime utc) =>
        UnixEpochJd + (utc.ToUniversalTime() - DateTime.UnixEpoch).TotalDays;

    public static DateTime ToDateTime(double jd) =>
        DateTime.UnixEpoch.AddTicks((long)Math.Round((jd - UnixEpochJd) * TimeSpan.TicksPerDay));

    // JDs of 0001-01-01 and 9999-12-31, the range a DateTime holds.
    private const double MinDateTimeJd = 1721425.5, MaxDateTimeJd = 5373484.5;

    /// <summary>The date-time of a JD, or null when the JD is not finite or outside years 1–9999 (a value an older
    /// store may hold: readers show it as missing rather than fail).</summary>
    public static DateTime? TryToDateTime(double jd) => jd is >= MinDateTimeJd and < MaxDateTimeJd ? ToDateTime(jd) : null;

    /// <summary><see cref="ToIso"/>, or null for a JD no date-time can show.</summary>
    public static string? ToIsoOrNull(double jd) =>
        TryToDateTime(jd)?.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static double Now() => FromDateTime(DateTime.UtcNow);

    /// <summary>Fink's <c>v:lastdate</c> format: <c>YYYY-MM-DD HH:MM:SS.sss</c> (UTC).</summary>
    public static string ToIso(double jd) =>
        ToDateTime(jd).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.FFFFFFFZ",
    ];

    /// <summary>Parses an ISO date-time (UTC) as astropy's <c>Time(value)</c> would.</summary>
    public static bool TryParseIso(string text, out double jd)
    {
        if (DateTime.TryParseExact(text.Trim(), IsoFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt))
        {
            jd = FromDateTime(dt);
            return true;
        }
        jd = 0;
        return false;
    }

    /// <summary>
    /// Fink's <c>isoify_time</c>: an ISO string, or a number read as a JD when it is ≥ 2,400,000
    /// and as an MJD otherwise.
    /// </summary>
    public static bool TryParseFlexible(string text, out double jd)
    {
        if (TryParseIso(text, out jd))
            return true;
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            jd = Math.Floor(number / 2400000) != 0 ? number : number + MjdOffset;
            return true;
        }
        jd = 0;
        return false;
    }
}
