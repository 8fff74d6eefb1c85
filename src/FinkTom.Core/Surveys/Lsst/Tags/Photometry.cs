namespace FinkTom.Core.Surveys.Lsst.Tags;

/// <summary>Rubin fluxes (nJy) and AB magnitudes as fink-filters converts them (<c>rubin/utils.py</c>).</summary>
public static class Photometry
{
    /// <summary>AB zero point for fluxes in nJy: m = 31.4 − 2.5 log10(flux).</summary>
    public const double ZeroPointNanojansky = 31.4;

    /// <summary>Fink's <c>flux_to_apparent_mag</c>, used by every magnitude cut: NaN unless the flux is finite and
    /// positive. Computed in double, as Fink widens the float32 flux first.</summary>
    public static double ApparentMagnitude(double fluxNanojansky) =>
        fluxNanojansky > 0 && double.IsFinite(fluxNanojansky) ? ZeroPointNanojansky - 2.5 * Math.Log10(fluxNanojansky) : double.NaN;

    /// <summary>Fink's <c>mag_to_flux</c>: 10^((31.4 − m)/2.5) nJy.</summary>
    public static double Flux(double magnitude) => Math.Pow(10, (ZeroPointNanojansky - magnitude) / 2.5);

    /// <summary>Fink's <c>mag_rate_to_flux_rate</c>: dF/dt = −(ln 10 / 2.5)·F·dm/dt, in nJy/day at flux F.</summary>
    public static double FluxRate(double magnitudeRate, double fluxNanojansky) =>
        -(Math.Log(10) / 2.5) * fluxNanojansky * magnitudeRate;
}
