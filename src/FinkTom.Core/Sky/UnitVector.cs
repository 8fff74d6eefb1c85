namespace FinkTom.Core.Sky;

/// <summary>A direction on the celestial sphere as a unit 3-vector (x towards RA 0 / Dec 0, z towards the north pole).</summary>
public readonly record struct UnitVector(double X, double Y, double Z)
{
    private const double Deg = Math.PI / 180;

    public static UnitVector FromRaDec(double raDeg, double decDeg)
    {
        var ra = raDeg * Deg;
        var dec = decDeg * Deg;
        var cosDec = Math.Cos(dec);
        return new UnitVector(cosDec * Math.Cos(ra), cosDec * Math.Sin(ra), Math.Sin(dec));
    }

    public double ChordSquaredTo(UnitVector other)
    {
        var dx = X - other.X;
        var dy = Y - other.Y;
        var dz = Z - other.Z;
        return dx * dx + dy * dy + dz * dz;
    }

    /// <summary>Great-circle distance in degrees (from the chord, stable at small and large angles).</summary>
    public double AngleDegTo(UnitVector other) => 2 * Math.Asin(Math.Min(1, Math.Sqrt(ChordSquaredTo(other)) / 2)) / Deg;
}
