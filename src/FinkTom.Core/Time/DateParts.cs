using FinkTom.Core.Query;

namespace FinkTom.Core.Time;

/// <summary>Calendar parts of a Julian date, computed exactly as the stores compute them (see <see cref="DatePartPredicate"/>).</summary>
public static class DateParts
{
    /// <summary>JD 2440587.5 (1970-01-01T00:00Z) in milliseconds.</summary>
    public const long UnixEpochJdMilliseconds = 210_866_760_000_000;

    /// <summary>The part of the UTC time <paramref name="jd"/> (rounded to the millisecond); null outside years 1 to 9999.</summary>
    public static int? Of(double jd, DatePart part)
    {
        if (!double.IsFinite(jd) || jd < 1_721_425.5 || jd >= 5_373_484.5)
            return null;
        // The same rounding as SQLite (julian day × 86,400,000 + 0.5, truncated), so both agree on boundary instants.
        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)(jd * 86_400_000.0 + 0.5) - UnixEpochJdMilliseconds).UtcDateTime;
        return part switch
        {
            DatePart.Month => time.Month,
            DatePart.Day => time.Day,
            DatePart.Hour => time.Hour,
            DatePart.Minute => time.Minute,
            _ => time.Second,
        };
    }
}
