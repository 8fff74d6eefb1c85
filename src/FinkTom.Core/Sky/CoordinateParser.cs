using System.Globalization;
using System.Text.RegularExpressions;

namespace FinkTom.Core.Sky;

/// <summary>
/// Reads right ascension and declination as the Fink API accepts them (contract §2.2): decimal degrees, or
/// sexagesimal — RA in hours when written with <c>h</c> (<c>12h55m17.218s</c>), colons or spaces
/// (<c>12:55:17.218</c>), in degrees with <c>d</c> (<c>193d49m18.267s</c>); Dec in degrees (<c>+02:53:50.3</c>, <c>2d53m50s</c>).
/// </summary>
public static partial class CoordinateParser
{
    // [0-9], not \d: \d also matches Arabic-Indic and other digits, which double.Parse refuses.
    [GeneratedRegex(@"^([+-]?)\s*([0-9]+(?:\.[0-9]*)?)\s*[hd:\s]\s*([0-9]+(?:\.[0-9]*)?)?\s*[m:\s]?\s*([0-9]+(?:\.[0-9]*)?)?\s*s?$", RegexOptions.IgnoreCase)]
    private static partial Regex Sexagesimal();

    private const int MaxSexagesimalLength = 64;

    public static bool TryParseRa(string text, out double degrees, out string? error)
    {
        text = text.Trim();
        var isHours = text.Contains('h', StringComparison.OrdinalIgnoreCase) || text.Contains(':') || text.Contains(' ');
        var isDms = !isHours && text.Contains('d', StringComparison.OrdinalIgnoreCase);
        if (!TryParseAngle(text, isHours || isDms, out var value, out var negative))
            return Fail($"cannot read right ascension '{text}': use degrees (193.82), hours (12h55m17.2s, 12:55:17.2) or 193d49m18s", out degrees, out error);
        degrees = isHours ? value * 15 : value;
        if (negative || degrees < 0 || degrees >= 360)
            return Fail($"right ascension must be in [0, 360) degrees (or [0, 24) hours), got '{text}'", out degrees, out error);
        error = null;
        return true;
    }

    public static bool TryParseDec(string text, out double degrees, out string? error)
    {
        text = text.Trim();
        var sexagesimal = text.Contains(':') || text.Contains(' ') || text.Contains('d', StringComparison.OrdinalIgnoreCase);
        if (!TryParseAngle(text, sexagesimal, out var value, out var negative))
            return Fail($"cannot read declination '{text}': use degrees (2.897), or +02:53:50.3 / 2d53m50s", out degrees, out error);
        degrees = negative ? -value : value;
        if (degrees is < -90 or > 90)
            return Fail($"declination must be in [-90, 90] degrees, got '{text}'", out degrees, out error);
        error = null;
        return true;
    }

    private static bool TryParseAngle(string text, bool sexagesimal, out double value, out bool negative)
    {
        value = 0;
        negative = false;
        if (!sexagesimal)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
                return false;
            negative = value < 0;
            value = Math.Abs(value);
            return true;
        }
        // The pattern backtracks quadratically on long runs of digits (16,000 took 2 s); no coordinate is this long.
        if (text.Length > MaxSexagesimalLength)
            return false;
        var match = Sexagesimal().Match(text);
        if (!match.Success)
            return false;
        negative = match.Groups[1].Value == "-";
        var whole = Number(match.Groups[2]);
        var minutes = Number(match.Groups[3]);
        var seconds = Number(match.Groups[4]);
        if (minutes >= 60 || seconds >= 60)
            return false;
        value = whole + minutes / 60 + seconds / 3600;
        return true;
    }

    private static double Number(Group group) =>
        group.Success && group.Value.Length > 0 ? double.Parse(group.Value, CultureInfo.InvariantCulture) : 0;

    private static bool Fail(string message, out double degrees, out string? error)
    {
        degrees = 0;
        error = message;
        return false;
    }
}
