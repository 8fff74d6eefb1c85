using System.Globalization;
using CsCheck;
using FinkTom.Core.Sky;

namespace FinkTom.Tests.Fuzz;

/// <summary>
/// <see cref="CoordinateParser"/> on random and mutated text: a value in range or an error message, in bounded time;
/// and generated coordinates written as degrees or sexagesimal (hours or degrees, colons, spaces, letters) read back
/// within 1e-6 degree.
/// </summary>
public sealed class CoordinateParserFuzzTests
{
    private static readonly Gen<string> ValidRa = Gen.Select(Gen.Double[0, 360], RaStyle, (ra, style) => FormatRa(ra, style));

    private static readonly Gen<string> ValidDec = Gen.Select(Gen.Double[-90, 90], DecStyle, (dec, style) => FormatDec(dec, style));

    private static Gen<int> RaStyle => Gen.Int[0, 5];

    private static Gen<int> DecStyle => Gen.Int[0, 4];

    /// <summary>Valid text with edits, long runs of digits and blanks (backtracking), and awkward characters.</summary>
    private static readonly Gen<string> Text = Gen.Frequency<string>(
        (3, Gen.Select(Gen.OneOf(ValidRa, ValidDec), Mutations.Edits(4), Mutations.Apply)),
        (2, Mutations.AwkwardText),
        (1, Gen.OneOf("", " ", "-", "+", "h", "d", ":", "::", "1:2:3:4", "12h", "12h60m", "-0", "+-1", "1e400", "NaN", "∞", "٣:٤٥", "١٢h٣٠m",
            "１２:３０:００", "12:30:00.5.5", "360", "359.9999999999999", "90.0000000001", "-90", "24:00:00", "23:59:59.9999999")),
        (1, Gen.Select(Gen.OneOf("1", "1 ", "1:", "11", " 1", "1.", "0"), Gen.Int[1, 40_000], Gen.OneOf("x", "s", "", "h", ":x", " x"),
            (unit, n, tail) => "1 " + string.Concat(Enumerable.Repeat(unit, n)) + tail)));

    [Fact]
    public void Any_text_is_a_coordinate_in_range_or_a_clear_error() =>
        FuzzRun.Check(Text, text =>
        {
            var (raOk, ra, raError) = Bounded.Run(() => (CoordinateParser.TryParseRa(text, out var v, out var e), v, e));
            if (raOk)
                Assert.True(ra is >= 0 and < 360, $"ra {ra} from '{text}'");
            else
                Assert.False(string.IsNullOrWhiteSpace(raError));
            var (decOk, dec, decError) = Bounded.Run(() => (CoordinateParser.TryParseDec(text, out var v, out var e), v, e));
            if (decOk)
                Assert.True(dec is >= -90 and <= 90, $"dec {dec} from '{text}'");
            else
                Assert.False(string.IsNullOrWhiteSpace(decError));
        }, ci: 3000);

    [Fact]
    public void Right_ascensions_written_in_every_style_read_back_within_a_microdegree() =>
        FuzzRun.Check(Gen.Select(Gen.Double[0, 360], RaStyle), input =>
        {
            var (ra, style) = input;
            var text = FormatRa(ra, style);
            Assert.True(CoordinateParser.TryParseRa(text, out var parsed, out var error), $"'{text}': {error}");
            var difference = Math.Abs(parsed - ra) % 360;
            Assert.True(Math.Min(difference, 360 - difference) < 1e-6, $"'{text}' read as {parsed}, written from {ra}");
        }, ci: 2000);

    [Fact]
    public void Declinations_written_in_every_style_read_back_within_a_microdegree() =>
        FuzzRun.Check(Gen.Select(Gen.Double[-90, 90], DecStyle), input =>
        {
            var (dec, style) = input;
            var text = FormatDec(dec, style);
            Assert.True(CoordinateParser.TryParseDec(text, out var parsed, out var error), $"'{text}': {error}");
            Assert.True(Math.Abs(parsed - dec) < 1e-6, $"'{text}' read as {parsed}, written from {dec}");
        }, ci: 2000);

    // Sexagesimal from whole micro-units, so that rounding never writes 60 seconds.
    private static (long Whole, long Minutes, double Seconds) Split(double value)
    {
        var micro = (long)Math.Round(value * 3600 * 1_000_000);
        var seconds = micro % 60_000_000 / 1e6;
        var minutes = micro / 60_000_000 % 60;
        return (micro / 3_600_000_000, minutes, seconds);
    }

    private static string FormatRa(double ra, int style)
    {
        ra %= 360;
        if (style == 0)
            return ra.ToString("R", CultureInfo.InvariantCulture);
        var (h, m, s) = Split(style == 5 ? ra : ra / 15);
        if (style != 5 && h == 24)
            (h, m, s) = (0, 0, 0);
        if (style == 5 && h == 360)
            (h, m, s) = (0, 0, 0);
        var sec = s.ToString("0.000000", CultureInfo.InvariantCulture);
        return style switch
        {
            1 => $"{h}h{m}m{sec}s",
            2 => $"{h:00}:{m:00}:{sec}",
            3 => $"{h} {m} {sec}",
            4 => $"{h}H {m}M {sec}S",
            _ => $"{h}d{m}m{sec}s",
        };
    }

    private static string FormatDec(double dec, int style)
    {
        if (style == 0)
            return dec.ToString("R", CultureInfo.InvariantCulture);
        var sign = dec < 0 ? "-" : style == 2 ? "+" : "";
        var (d, m, s) = Split(Math.Abs(dec));
        var sec = s.ToString("0.000000", CultureInfo.InvariantCulture);
        return style switch
        {
            1 => $"{sign}{d}d{m}m{sec}s",
            2 => $"{sign}{d:00}:{m:00}:{sec}",
            3 => $"{sign}{d} {m} {sec}",
            _ => $"{sign}{d}:{m}:{sec}",
        };
    }
}
