namespace FinkTom.Core.Surveys.Lsst.Tags;

/// <summary>
/// Distances in astropy's <c>FlatLambdaCDM(H0=70, Om0=0.3)</c> (Tcmb0 = 0: no radiation, Ω_Λ = 0.7), which
/// fink-filters' <c>obs_to_abs_mag</c> uses for the peak absolute magnitude of <c>sn_near_galaxy_candidate</c>.
/// </summary>
public static class Cosmology
{
    public const double HubbleConstant = 70; // km/s/Mpc
    public const double MatterDensity = 0.3;
    private const double SpeedOfLight = 299_792.458; // km/s
    private const int Intervals = 256; // Simpson, on a smooth integrand: ~1e-12 relative

    /// <summary>Luminosity distance in Mpc at redshift z (NaN unless z is finite and positive).</summary>
    public static double LuminosityDistanceMpc(double z)
    {
        if (!(z > 0) || !double.IsFinite(z))
            return double.NaN;
        // ∫0^z dz'/E(z') with a = 1/(1+z') = x², which turns it into ∫ 2 dx / √(Ωm + ΩΛ x⁶) over [1/√(1+z), 1]:
        // no singularity and no long tail whatever z.
        var from = 1 / Math.Sqrt(1 + z);
        var h = (1 - from) / Intervals;
        double F(double x) => 2 / Math.Sqrt(MatterDensity + (1 - MatterDensity) * Math.Pow(x, 6));
        var sum = F(from) + F(1);
        for (var i = 1; i < Intervals; i++)
            sum += F(from + i * h) * (i % 2 == 1 ? 4 : 2);
        var comoving = SpeedOfLight / HubbleConstant * sum * h / 3;
        return (1 + z) * comoving;
    }

    /// <summary>μ = 5 log10(D_L / 10 pc).</summary>
    public static double DistanceModulus(double z) => 5 * Math.Log10(LuminosityDistanceMpc(z) * 1e6 / 10);

    /// <summary>Fink's <c>obs_to_abs_mag</c>: M = m − μ(z); NaN unless z &gt; 0 and both are finite.</summary>
    public static double AbsoluteMagnitude(double apparentMagnitude, double z) =>
        double.IsFinite(apparentMagnitude) ? apparentMagnitude - DistanceModulus(z) : double.NaN;
}
