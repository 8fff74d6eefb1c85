using FinkTom.Core.Query;

namespace FinkTom.Core.Sky;

public static class SkyMath
{
    /// <summary>Great-circle distance in degrees between two positions in degrees.</summary>
    public static double SeparationDeg(double ra1, double dec1, double ra2, double dec2) =>
        UnitVector.FromRaDec(ra1, dec1).AngleDegTo(UnitVector.FromRaDec(ra2, dec2));

    /// <summary>
    /// The exact axis-aligned 3-D box around a spherical cap: along each axis e, the cap spans the angles
    /// [θ−r, θ+r] from e (θ = angle between the centre and e), clamped to [0, π]. A spatial index on unit
    /// vectors queried with this box, then cut by chord distance, gives an exact cone search with no
    /// flat-sky shortcut, across RA 0/360 and over the poles.
    /// </summary>
    public static (double MinX, double MaxX, double MinY, double MaxY, double MinZ, double MaxZ) BoundingBox(Cone cone)
    {
        var c = cone.Centre;
        var r = Math.Min(cone.RadiusDeg, 180) * Math.PI / 180;
        var (minX, maxX) = Span(c.X, r);
        var (minY, maxY) = Span(c.Y, r);
        var (minZ, maxZ) = Span(c.Z, r);
        return (minX, maxX, minY, maxY, minZ, maxZ);

        static (double Min, double Max) Span(double component, double r)
        {
            var theta = Math.Acos(Math.Clamp(component, -1, 1));
            var low = Math.Max(0, theta - r);
            var high = Math.Min(Math.PI, theta + r);
            return (Math.Cos(high), Math.Cos(low));
        }
    }
}
