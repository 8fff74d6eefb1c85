namespace FinkTom.Core.Surveys.Lsst.Tags;

/// <summary>Galactic latitude of an ICRS position, as astropy's <c>SkyCoord(...).galactic.b</c> gives it.</summary>
public static class GalacticLatitude
{
    // astropy's Galactic frame: the north galactic pole in FK5 J2000. The ICRS→FK5 frame bias (tens of mas) is left
    // out; it matters only for a source within milliarcseconds of a cut.
    private const double PoleRa = 192.8594812065348 * Math.PI / 180;
    private const double PoleDec = 27.12825118085622 * Math.PI / 180;

    /// <summary>b in degrees (NaN for a NaN position).</summary>
    public static double Degrees(double raDeg, double decDeg)
    {
        var ra = raDeg * Math.PI / 180;
        var dec = decDeg * Math.PI / 180;
        var sinB = Math.Sin(dec) * Math.Sin(PoleDec) + Math.Cos(dec) * Math.Cos(PoleDec) * Math.Cos(ra - PoleRa);
        return Math.Asin(Math.Clamp(sinB, -1, 1)) * 180 / Math.PI;
    }
}
