using System.Text.RegularExpressions;

namespace FinkTom.Query.Adql.Schema;

/// <summary>UCDs (IVOA UCD1+ words) and VOUnits of the catalogue columns. UCDs are given for the columns clients look
/// for (ids, position, time, magnitudes, class); units are read from the column's description ("..., in mag.").</summary>
internal static partial class ColumnMetadata
{
    private static readonly Dictionary<string, string> Ucds = new(StringComparer.Ordinal)
    {
        ["i:candid"] = "meta.id;meta.main",
        ["i:objectId"] = "meta.id",
        ["i:ra"] = "pos.eq.ra;meta.main",
        ["i:dec"] = "pos.eq.dec;meta.main",
        ["i:jd"] = "time.epoch",
        ["i:jdstarthist"] = "time.start",
        ["i:magpsf"] = "phot.mag",
        ["i:sigmapsf"] = "stat.error;phot.mag",
        ["i:fid"] = "instr.filter",
        ["i:diffmaglim"] = "phot.mag;stat.max",
        ["d:classification"] = "src.class",
        ["r:diaSourceId"] = "meta.id;meta.main",
        ["r:diaObjectId"] = "meta.id",
        ["r:ra"] = "pos.eq.ra;meta.main",
        ["r:dec"] = "pos.eq.dec;meta.main",
        ["r:midpointMjdTai"] = "time.epoch",
        ["r:band"] = "instr.filter",
        ["r:psfFlux"] = "phot.flux",
        ["r:psfFluxErr"] = "stat.error;phot.flux",
    };

    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["r:ra"] = "deg",
        ["r:dec"] = "deg",
        ["r:raErr"] = "deg",
        ["r:decErr"] = "deg",
        ["r:midpointMjdTai"] = "d",
        ["r:psfFlux"] = "nJy",
        ["r:psfFluxErr"] = "nJy",
    };

    public static string? Ucd(string column) => Ucds.GetValueOrDefault(column);

    public static string? Unit(string column, string description)
    {
        if (Units.TryGetValue(column, out var unit))
            return unit;
        var match = UnitPhrase().Match(description);
        if (!match.Success)
            return description.Contains("Julian date", StringComparison.Ordinal) ? "d" : null;
        return match.Groups[1].Value switch
        {
            "degrees" => "deg",
            "mag/day" => "mag/d",
            "mag" => "mag",
            "arcsec" => "arcsec",
            "pixels" => "pix",
            "seconds" => "s",
            "days" => "d",
            _ => null,
        };
    }

    [GeneratedRegex(@"\bin (degrees|mag/day|mag|arcsec|pixels|seconds|days)\b")]
    private static partial Regex UnitPhrase();
}
