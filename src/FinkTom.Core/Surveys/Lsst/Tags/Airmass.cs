namespace FinkTom.Core.Surveys.Lsst.Tags;

/// <summary>
/// Airmass (sec z, no refraction) of an ICRS position seen from Cerro Pachón, as <c>mdwarf_flare</c> computes it with
/// astropy: <c>SkyCoord(...).transform_to(AltAz(obstime=Time(mjd, scale="tai"), location=EarthLocation.of_site("Cerro
/// Pachon"))).secz</c>. astropy's site registry resolves that name to Gemini South, not to the Rubin site.
/// </summary>
/// <remarks>
/// Annual aberration (circular orbit), IAU 1976 precession, the four largest IAU 1980 nutation terms and the equation
/// of the equinoxes; UT1 is taken as UTC = TAI − 37 s (the offset since 2017). What is left out (polar motion, diurnal
/// aberration, light deflection, |UT1 − UTC| &lt; 0.9 s, the ~0.35″ E-terms) moves a source by under 15″, i.e. about
/// 1e-4 in airmass at 1.3.
/// </remarks>
public static class Airmass
{
    /// <summary>Gemini South (astropy <c>sites.json</c>), geodetic, degrees east and north.</summary>
    public const double SiteLongitudeDeg = -70.73668333333333;
    public const double SiteLatitudeDeg = -30.24074166666667;

    private const double Deg = Math.PI / 180;
    private const double ArcSec = Deg / 3600;
    private const double TtMinusTaiSeconds = 32.184;
    private const double AberrationConstant = 20.49552 * ArcSec; // v/c of the Earth's orbital motion

    /// <summary>sec z at the site for a position in degrees at an MJD (TAI); negative below the horizon, NaN for NaN input.</summary>
    public static double At(double raDeg, double decDeg, double mjdTai)
    {
        var jdTt = mjdTai + 2_400_000.5 + TtMinusTaiSeconds / 86_400;
        var jdUt1 = mjdTai + 2_400_000.5 - Time.JulianDate.TaiMinusUtcDays;
        var t = (jdTt - 2_451_545.0) / 36_525; // Julian centuries of TT since J2000

        var v = Vector.FromRaDec(raDeg * Deg, decDeg * Deg);
        v = Aberrate(v, jdTt);

        // Precession J2000 → mean equator and equinox of date (Lieske 1977).
        var zeta = (2306.2181 * t + 0.30188 * t * t + 0.017998 * t * t * t) * ArcSec;
        var z = (2306.2181 * t + 1.09468 * t * t + 0.018203 * t * t * t) * ArcSec;
        var theta = (2004.3109 * t - 0.42665 * t * t - 0.041833 * t * t * t) * ArcSec;
        v = v.RotateZ(-zeta).RotateY(theta).RotateZ(-z);

        // Nutation → true equator and equinox of date.
        var (dPsi, dEps) = Nutation(t);
        var eps0 = (84_381.448 - 46.8150 * t - 0.00059 * t * t + 0.001813 * t * t * t) * ArcSec;
        v = v.RotateX(eps0).RotateZ(-dPsi).RotateX(-(eps0 + dEps));

        var d = jdUt1 - 2_451_545.0;
        var gmst = (280.46061837 + 360.98564736629 * d + 0.000387933 * t * t - t * t * t / 38_710_000) * Deg;
        var gast = gmst + dPsi * Math.Cos(eps0 + dEps);
        var hourAngle = gast + SiteLongitudeDeg * Deg - Math.Atan2(v.Y, v.X);
        var lat = SiteLatitudeDeg * Deg;
        var sinAlt = Math.Sin(lat) * v.Z + Math.Cos(lat) * Math.Sqrt(v.X * v.X + v.Y * v.Y) * Math.Cos(hourAngle);
        return 1 / sinAlt;
    }

    // Apparent direction for an observer moving with the Earth (first order in v/c), the velocity from a
    // low-precision solar longitude (Astronomical Almanac) on a circular orbit.
    private static Vector Aberrate(Vector p, double jdTt)
    {
        var n = jdTt - 2_451_545.0;
        var meanLongitude = (280.460 + 0.9856474 * n) * Deg;
        var anomaly = (357.528 + 0.9856003 * n) * Deg;
        var sun = meanLongitude + (1.915 * Math.Sin(anomaly) + 0.020 * Math.Sin(2 * anomaly)) * Deg;
        var eps = 23.439 * Deg;
        var beta = new Vector(Math.Sin(sun), -Math.Cos(sun) * Math.Cos(eps), -Math.Cos(sun) * Math.Sin(eps)) * AberrationConstant;
        return (p + beta - p * p.Dot(beta)).Normalized();
    }

    // The four largest terms of the IAU 1980 series (Meeus ch. 22), good to ~0.5″.
    private static (double DPsi, double DEps) Nutation(double t)
    {
        var node = (125.04452 - 1934.136261 * t) * Deg;
        var sun = (280.4665 + 36_000.7698 * t) * Deg;
        var moon = (218.3165 + 481_267.8813 * t) * Deg;
        var dPsi = -17.20 * Math.Sin(node) - 1.32 * Math.Sin(2 * sun) - 0.23 * Math.Sin(2 * moon) + 0.21 * Math.Sin(2 * node);
        var dEps = 9.20 * Math.Cos(node) + 0.57 * Math.Cos(2 * sun) + 0.10 * Math.Cos(2 * moon) - 0.09 * Math.Cos(2 * node);
        return (dPsi * ArcSec, dEps * ArcSec);
    }

    private readonly record struct Vector(double X, double Y, double Z)
    {
        public static Vector FromRaDec(double ra, double dec) =>
            new(Math.Cos(dec) * Math.Cos(ra), Math.Cos(dec) * Math.Sin(ra), Math.Sin(dec));

        public static Vector operator +(Vector a, Vector b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
        public static Vector operator -(Vector a, Vector b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
        public static Vector operator *(Vector a, double k) => new(a.X * k, a.Y * k, a.Z * k);

        public double Dot(Vector b) => X * b.X + Y * b.Y + Z * b.Z;

        public Vector Normalized() => this * (1 / Math.Sqrt(Dot(this)));

        // Rotations of the frame by an angle about one axis (the R1, R2, R3 of the IERS conventions).
        public Vector RotateX(double a) => new(X, Math.Cos(a) * Y + Math.Sin(a) * Z, -Math.Sin(a) * Y + Math.Cos(a) * Z);
        public Vector RotateY(double a) => new(Math.Cos(a) * X - Math.Sin(a) * Z, Y, Math.Sin(a) * X + Math.Cos(a) * Z);
        public Vector RotateZ(double a) => new(Math.Cos(a) * X + Math.Sin(a) * Y, -Math.Sin(a) * X + Math.Cos(a) * Y, Z);
    }
}
