using FinkTom.Core.Sky;

namespace FinkTom.Core.Query;

/// <summary>A cone on the sky: centre in degrees (ICRS), radius in degrees.</summary>
public sealed record Cone(double Ra, double Dec, double RadiusDeg)
{
    public UnitVector Centre => UnitVector.FromRaDec(Ra, Dec);

    /// <summary>Squared chord length that matches the radius: points with chord² ≤ this are inside.
    /// Chord distance keeps precision for arcsecond radii where 1 − cos r would not.</summary>
    public double MaxChordSquared
    {
        get
        {
            var half = Math.Sin(Math.Min(RadiusDeg, 180) * Math.PI / 360);
            return 4 * half * half;
        }
    }

    public bool Contains(double ra, double dec) => Centre.ChordSquaredTo(UnitVector.FromRaDec(ra, dec)) <= MaxChordSquared;
}
