using System.Globalization;
using System.Text.RegularExpressions;

namespace FinkTom.Core.Surveys.Lsst;

/// <summary>
/// The Minor Planet Center's packed form of provisional designations (<c>2015 BC557</c> ↔ <c>K15Bt7C</c>), by which
/// Fink indexes Rubin's Solar System alerts (contract §5.1): century letter (I = 18, J = 19, K = 20), two year digits,
/// the half-month letter, the cycle count in two characters (digits, or a letter for the tens from 10: A = 10 … Z = 35,
/// a = 36 … z = 61, then the units digit) and the second letter.
/// </summary>
public static partial class MinorPlanetDesignation
{
    private const string Tens = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    [GeneratedRegex(@"^(1[89]|20)(\d\d) ?([A-HJ-Y])([A-HJ-Z])(\d{0,3})$")]
    private static partial Regex Unpacked();

    [GeneratedRegex(@"^[IJK]\d\d[A-HJ-Y][0-9A-Za-z]\d[A-HJ-Z]$")]
    private static partial Regex Packed();

    public static bool IsPacked(string text) => Packed().IsMatch(text);

    /// <summary>The packed form of a provisional designation (<c>2015 BC557</c>, <c>2015BC557</c>), or null.</summary>
    public static string? Pack(string designation)
    {
        var match = Unpacked().Match(designation.Trim());
        if (!match.Success)
            return null;
        var century = match.Groups[1].Value switch { "18" => 'I', "19" => 'J', _ => 'K' };
        var count = match.Groups[5].Value.Length == 0 ? 0 : int.Parse(match.Groups[5].Value, CultureInfo.InvariantCulture);
        if (count > 619)
            return null;
        return $"{century}{match.Groups[2].Value}{match.Groups[3].Value}{Tens[count / 10]}{count % 10}{match.Groups[4].Value}";
    }

    /// <summary>The readable form of a packed provisional designation (<c>K15Bt7C</c> → <c>2015 BC557</c>), or null.</summary>
    public static string? Unpack(string packed)
    {
        if (!IsPacked(packed))
            return null;
        var century = packed[0] switch { 'I' => "18", 'J' => "19", _ => "20" };
        var count = Tens.IndexOf(packed[4]) * 10 + (packed[5] - '0');
        return $"{century}{packed[1..3]} {packed[3]}{packed[6]}{(count == 0 ? "" : count.ToString(CultureInfo.InvariantCulture))}";
    }
}
