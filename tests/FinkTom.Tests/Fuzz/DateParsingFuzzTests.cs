using System.Globalization;
using CsCheck;
using FinkTom.Core.Time;
using FinkTom.Server.Api.Parameters;

namespace FinkTom.Tests.Fuzz;

/// <summary>
/// The date readers of the API (<see cref="JulianDate"/>: ISO, JD, MJD; <see cref="DateWindow"/>: startdate, stopdate,
/// window): random and mutated text gives a date or a clear error, never an exception; generated ISO dates, JDs and
/// MJDs read back as the date they were written from.
/// </summary>
public sealed class DateParsingFuzzTests
{
    private static readonly Gen<DateTime> Instant = Gen.DateTime[new DateTime(1, 1, 1), new DateTime(9999, 12, 31, 23, 59, 59)]
        .Select(d => new DateTime(d.Ticks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc));

    private static readonly string[] IsoStyles =
        ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.fffZ"];

    private static readonly Gen<string> ValidDate = Gen.Frequency<string>(
        (3, Gen.Select(Instant, Gen.OneOf(IsoStyles), (d, style) => d.ToString(style, CultureInfo.InvariantCulture))),
        (1, Gen.Double[2_400_000, 2_500_000].Select(jd => jd.ToString("R", CultureInfo.InvariantCulture))),
        (1, Gen.Double[0, 100_000].Select(mjd => mjd.ToString("R", CultureInfo.InvariantCulture))));

    /// <summary>Dates with edits, numbers at the edges of double, and awkward text.</summary>
    public static readonly Gen<string> Text = Gen.Frequency<string>(
        (3, Gen.Select(ValidDate, Mutations.Edits(3), Mutations.Apply)),
        (1, Mutations.AwkwardText),
        (1, Gen.OneOf("", " ", "now", "0", "-0", "-1", "2400000", "2399999.9999", "1e308", "-1e308", "1e309", "NaN", "Infinity", "-Infinity",
            "0001-01-01", "9999-12-31 23:59:59.9999999", "10000-01-01", "0000-00-00", "2021-02-29", "2020-02-29T24:00:00", "2021-06-01 12:00:00 00",
            "٢٠٢١-٠٦-٠١", "2021‐06‐01", "1.7976931348623157E+308", "4.9E-324", "0x10", "1_000", "  2021-06-01  ")),
        (1, Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture))));

    [Fact]
    public void Any_text_is_a_finite_julian_date_or_refused() =>
        FuzzRun.Check(Text, text =>
        {
            var (ok, jd) = Bounded.Run(() => (JulianDate.TryParseFlexible(text, out var value), value));
            if (ok)
                Assert.True(double.IsFinite(jd), $"'{text}' read as {jd}");
            Bounded.Run(() => JulianDate.TryParseIso(text, out _));
        }, ci: 3000);

    [Fact]
    public void Iso_dates_read_back_to_the_millisecond_they_were_written_from() =>
        FuzzRun.Check(Gen.Select(Instant, Gen.OneOf(IsoStyles)), input =>
        {
            var (instant, style) = input;
            var text = instant.ToString(style, CultureInfo.InvariantCulture);
            var written = DateTime.ParseExact(text, style, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            Assert.True(JulianDate.TryParseFlexible(text, out var jd), text);
            var back = JulianDate.ToDateTime(jd);
            Assert.True(Math.Abs((back - written).TotalMilliseconds) < 0.5, $"'{text}' → JD {jd:R} → {back:O}");
            // Fink's v:lastdate format, truncated to the millisecond; a JD holds a date to ~40 µs either way.
            Assert.True(JulianDate.TryParseIso(JulianDate.ToIso(jd), out var again));
            Assert.True(Math.Abs(again - jd) * 86_400_000 < 1.1, $"'{text}' → {JulianDate.ToIso(jd)}");
        }, ci: 2000);

    [Fact]
    public void Julian_and_modified_julian_dates_read_back_exactly() =>
        FuzzRun.Check(Gen.Double[0, 3_000_000], number =>
        {
            var text = number.ToString("R", CultureInfo.InvariantCulture);
            Assert.True(JulianDate.TryParseFlexible(text, out var jd), text);
            Assert.Equal(number >= 2_400_000 ? number : number + JulianDate.MjdOffset, jd);
        }, ci: 1000);

    [Fact]
    public void A_date_window_is_a_range_or_an_error_naming_its_parameter() =>
        FuzzRun.Check(Gen.Select(Text.Null(0.3), Text.Null(0.3), Gen.Frequency<string>((2, Text), (1, Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture)))).Null(0.4),
            Gen.OneOf(1.0, 1.0 / 1440)), input =>
        {
            var (start, stop, window, unit) = input;
            var pairs = new List<KeyValuePair<string, string>>();
            if (start is not null) pairs.Add(new("startdate", start));
            if (stop is not null) pairs.Add(new("stopdate", stop));
            if (window is not null) pairs.Add(new("window", window));
            var reader = new ParameterReader(ParameterBag.FromPairs(pairs));
            var range = Bounded.Run(() => DateWindow.Read(reader, unit, maxWindow: 180));
            if (reader.Error is { } error)
            {
                Assert.Contains(error.Parameter, new[] { "startdate", "stopdate", "window" });
                Assert.False(string.IsNullOrWhiteSpace(error.Text));
            }
            else if (range is { Start: { } from, Stop: { } to })
            {
                Assert.True(to >= from, $"{from} → {to}");
            }
        }, ci: 2000);
}
