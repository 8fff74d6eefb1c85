using FinkTom.Core.Model;
using static FinkTom.Core.Surveys.Lsst.Tags.LsstBlockPredicates;
using static FinkTom.Core.Surveys.Lsst.Tags.LsstFields;

namespace FinkTom.Core.Surveys.Lsst.Tags;

/// <summary>
/// <c>mdwarf_flare</c> (fink-filters 7.39+): a star (seen before, or new and a Gaia star) of good quality, flaring in
/// u or g (psfFlux ≥ 0.1 × a positive templateFlux), with quiescent colours of an M dwarf when they are known
/// (r − i &gt; 0.53 and i − z &gt; 0.3 from the median templateFlux of earlier diaSources per band), at airmass &gt; 1.3
/// (<see cref="Airmass"/>), and no earlier diaSource 4 to 48 hours before.
/// </summary>
public static class MdwarfFlareTag
{
    public static bool MdwarfFlare(Alert alert)
    {
        var cheap = alert.Text(Band) is "u" or "g" && HasExcursion(alert) && IsIsolated(alert) &&
            (!IsNew(alert) || IsGaiaStar(alert)) && IsGoodQuality(alert) && HasDwarfColours(alert);
        return cheap && Airmass.At(alert.Double(Ra), alert.Double(Dec), alert.Double(MidpointTime)) > 1.3;
    }

    // templateFlux > 0 and psfFlux / templateFlux ≥ 0.10, in float32.
    private static bool HasExcursion(Alert alert)
    {
        var template = alert.Float(TemplateFlux);
        return template > 0f && alert.Float(PsfFlux) / template >= 0.1f;
    }

    // No previous diaSource, of any band, 4 to 48 hours (inclusive) before this one.
    private static bool IsIsolated(Alert alert)
    {
        var time = alert.Double(MidpointTime);
        return !alert.PreviousSources().Any(p => (time - p.Double(PrvTime)) * 24.0 is >= 4.0 and <= 48.0);
    }

    /// <summary>
    /// Fink's colour cut: true when any of r, i, z has no earlier diaSource with a templateFlux (colours unknown), else
    /// r − i &gt; 0.53 and i − z &gt; 0.3. As in Fink, a band whose median templateFlux is not positive yields a NaN
    /// magnitude that counts as known, so the cut then fails.
    /// </summary>
    private static bool HasDwarfColours(Alert alert)
    {
        var (r, i, z) = (QuiescentMagnitude(alert, "r"), QuiescentMagnitude(alert, "i"), QuiescentMagnitude(alert, "z"));
        if (r is null || i is null || z is null)
            return true;
        return r - i > 0.53 && i - z > 0.3;
    }

    // The magnitude of the median templateFlux of earlier diaSources in a band (null: none has one).
    private static double? QuiescentMagnitude(Alert alert, string band)
    {
        var fluxes = alert.PreviousSources()
            .Where(p => p.Values[PrvBand.Ordinal] as string == band && p.Values[PrvTemplateFlux.Ordinal] is not null)
            .Select(p => (double)p.Float(PrvTemplateFlux))
            .Order()
            .ToArray();
        if (fluxes.Length == 0)
            return null;
        // np.median: NaN if any value is NaN (Order() puts NaN first), else the middle value or the mean of two.
        var half = fluxes.Length / 2;
        var median = double.IsNaN(fluxes[0]) ? double.NaN
            : fluxes.Length % 2 == 1 ? fluxes[half] : (fluxes[half - 1] + fluxes[half]) / 2;
        return Photometry.ApparentMagnitude(median);
    }
}
