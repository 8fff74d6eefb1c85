using System.Globalization;
using FinkTom.Core.Model;
using FinkTom.Core.Time;
using Microsoft.OData.Edm;

namespace FinkTom.Query.OData;

/// <summary>Conversions between store values and OData values: JD (ZTF) and MJD on the TAI scale (Rubin) ⇄
/// Edm.DateTimeOffset (UTC), 64-bit ids ⇄ Edm.String.</summary>
public static class FeedValues
{
    public static DateTimeOffset? ToDate(double? jd) =>
        jd is { } value && JulianDate.TryToDateTime(value) is { } date ? new DateTimeOffset(date, TimeSpan.Zero) : null;

    /// <summary>A date or date-time literal as a JD (an Edm.Date is midnight UTC).</summary>
    public static object ToJd(object literal) => literal switch
    {
        DateTimeOffset dto => JulianDate.FromDateTime(dto.UtcDateTime),
        DateTime dt => JulianDate.FromDateTime(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        DateOnly d => JulianDate.FromDateTime(d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
        _ when Day(literal) is { } d => JulianDate.FromDateTime(d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
        _ => throw new ODataQueryException($"Expected a date-time such as 2024-05-01T00:00:00Z, got '{literal}'."),
    };

    /// <summary>Rubin's MJD on the TAI scale as a UTC date-time.</summary>
    public static DateTimeOffset? FromMjdTai(double? mjd) => ToDate(mjd + JulianDate.MjdOffset - JulianDate.TaiMinusUtcDays);

    /// <summary>A date or date-time literal as an MJD on the TAI scale (Rubin's <c>midpointMjdTai</c>).</summary>
    public static object ToMjdTai(object literal) => (double)ToJd(literal) - JulianDate.MjdOffset + JulianDate.TaiMinusUtcDays;

    /// <summary>A 64-bit id written as a string literal ('1234...') as the number the store compares.</summary>
    public static object ToId(object literal) =>
        literal is string text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ODataQueryException($"'{literal}' is not an id: ids are whole numbers written as strings, e.g. '2380140070015015004'.");

    /// <summary>An Edm.Date literal as a calendar day.</summary>
    public static DateOnly? Day(object? literal) => literal switch
    {
        DateOnly d => d,
#pragma warning disable CS0618 // ODL 8's parser still gives Edm.Date for date literals; ODL 9 gives DateOnly.
        Date d => new DateOnly(d.Year, d.Month, d.Day),
#pragma warning restore CS0618
        _ => null,
    };

    public static string? IdText(object? value) => value is long id ? id.ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>The OData type of a catalogue column: ids (64-bit) as strings, every real number as Edm.Double.</summary>
    public static EdmPrimitiveTypeKind KindOf(ColumnType type) => type switch
    {
        ColumnType.Int => EdmPrimitiveTypeKind.Int32,
        ColumnType.Long => EdmPrimitiveTypeKind.String,
        ColumnType.Float or ColumnType.Double => EdmPrimitiveTypeKind.Double,
        ColumnType.Bool => EdmPrimitiveTypeKind.Boolean,
        _ => EdmPrimitiveTypeKind.String,
    };
}
