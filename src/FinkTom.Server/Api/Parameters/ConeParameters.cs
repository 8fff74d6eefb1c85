using FinkTom.Core.Query;
using FinkTom.Core.Sky;

namespace FinkTom.Server.Api.Parameters;

/// <summary>Shared reading of <c>ra</c>, <c>dec</c>, <c>radius</c> (arcsec) for /conesearch and /explorer.</summary>
internal static class ConeParameters
{
    /// <summary>Fink's cap: 18,000 arcsec (5 degrees).</summary>
    public const double MaxRadiusArcsec = 18000;

    public static Cone? Read(ParameterReader reader)
    {
        var raText = reader.RequiredString("ra");
        var decText = reader.RequiredString("dec");
        var radius = reader.Double("radius");
        if (reader.Error is not null)
            return null;
        if (!CoordinateParser.TryParseRa(raText, out var ra, out var raError))
            return reader.Fail<Cone?>("ra", $"`ra`: {raError}.", null);
        if (!CoordinateParser.TryParseDec(decText, out var dec, out var decError))
            return reader.Fail<Cone?>("dec", $"`dec`: {decError}.", null);
        if (radius is null)
            return reader.Fail<Cone?>("radius", "A value for `radius` is required.", null);
        if (radius > MaxRadiusArcsec)
            return reader.Fail<Cone?>("radius", "`radius` cannot be bigger than 18,000 arcseconds (5 degrees).", null);
        if (radius <= 0)
            return reader.Fail<Cone?>("radius", $"`radius` must be a positive number of arcseconds, got {radius}.", null);
        return new Cone(ra, dec, radius.Value / 3600);
    }
}
