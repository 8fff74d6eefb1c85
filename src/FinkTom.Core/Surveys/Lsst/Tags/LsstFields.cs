using FinkTom.Core.Model;

namespace FinkTom.Core.Surveys.Lsst.Tags;

/// <summary>
/// The catalogue columns the blocks and tags read (fink-filters binds its arguments to these alert fields, contract
/// §3.1), and typed readers that turn a missing value into what pandas sees: NaN for numbers, null for flags and text.
/// </summary>
internal static class LsstFields
{
    private static readonly AlertCatalog Catalog = Survey.Lsst.Catalog;

    public static readonly ColumnDef DiaSourceId = Catalog.Get("r:diaSourceId");
    public static readonly ColumnDef MidpointTime = Catalog.Get("r:midpointMjdTai");
    public static readonly ColumnDef Ra = Catalog.Get("r:ra");
    public static readonly ColumnDef Dec = Catalog.Get("r:dec");
    public static readonly ColumnDef Band = Catalog.Get("r:band");
    public static readonly ColumnDef PsfFlux = Catalog.Get("r:psfFlux");
    public static readonly ColumnDef PsfFluxErr = Catalog.Get("r:psfFluxErr");
    public static readonly ColumnDef Snr = Catalog.Get("r:snr");
    public static readonly ColumnDef IsNegative = Catalog.Get("r:isNegative");
    public static readonly ColumnDef TemplateFlux = Catalog.Get("r:templateFlux");
    public static readonly ColumnDef TrailLength = Catalog.Get("r:trailLength");
    public static readonly ColumnDef TrailFlux = Catalog.Get("r:trailFlux");
    public static readonly ColumnDef PixelFlagsCr = Catalog.Get("r:pixelFlags_cr");
    public static readonly ColumnDef NDiaSources = Catalog.Get("r:nDiaSources");

    /// <summary>The flags of <c>b_good_quality</c>, in Fink's order (the order matters for nulls, see there).</summary>
    public static readonly ColumnDef[] QualityFlags =
    [
        .. new[]
        {
            "isDipole", "pixelFlags", "pixelFlags_bad", "pixelFlags_saturated", "pixelFlags_streakCenter",
            "pixelFlags_interpolated", "pixelFlags_cr", "pixelFlags_nodata", "pixelFlags_streak", "pixelFlags_edge",
            "psfFlux_flag", "apFlux_flag", "forced_PsfFlux_flag", "forced_PsfFlux_flag_edge", "shape_flag", "centroid_flag",
        }.Select(f => Catalog.Get("r:" + f)),
    ];

    public static readonly ColumnDef SimbadType = Catalog.Get("f:xm_simbad_otype");
    public static readonly ColumnDef GaiaName = Catalog.Get("f:xm_gaiadr3_DR3Name");
    public static readonly ColumnDef GaiaParallax = Catalog.Get("f:xm_gaiadr3_Plx");
    public static readonly ColumnDef GaiaParallaxErr = Catalog.Get("f:xm_gaiadr3_e_Plx");
    public static readonly ColumnDef LegacyPhotoZ = Catalog.Get("f:xm_legacydr8_zphot");
    public static readonly ColumnDef VsxType = Catalog.Get("f:xm_vsx_Type");
    public static readonly ColumnDef MangroveDistance = Catalog.Get("f:xm_mangrove_lum_dist");
    public static readonly ColumnDef TnsName = Catalog.Get("f:xm_tns_fullname");
    public static readonly ColumnDef SnnScore = Catalog.Get("f:clf_snnSnVsOthers_score");
    public static readonly ColumnDef CatsClass = Catalog.Get("f:clf_cats_class");
    public static readonly ColumnDef CatsScore = Catalog.Get("f:clf_cats_score");
    public static readonly ColumnDef HostlessTemplate = Catalog.Get("f:clf_elephant_kstest_template");
    public static readonly ColumnDef IsSso = Catalog.Get("f:is_sso");
    public static readonly ColumnDef FirstTime = Catalog.Get("f:firstDiaSourceMjdTaiFink");

    /// <summary>Rubin's six bands, in the order Fink's <c>extract_max_flux</c> lists them.</summary>
    public static readonly string[] Bands = ["g", "i", "r", "u", "z", "y"];

    /// <summary>The diaObject columns of one band.</summary>
    public sealed record BandColumns(ColumnDef Mean, ColumnDef MeanErr, ColumnDef Ndata, ColumnDef Max);

    public static readonly IReadOnlyDictionary<string, BandColumns> ByBand = Bands.ToDictionary(b => b, b => new BandColumns(
        Catalog.Get($"r:{b}_psfFluxMean"), Catalog.Get($"r:{b}_psfFluxMeanErr"), Catalog.Get($"r:{b}_psfFluxNdata"),
        Catalog.Get($"r:{b}_psfFluxMax")), StringComparer.Ordinal);

    public static BandColumns? OfBand(string? band) => band is not null && ByBand.TryGetValue(band, out var columns) ? columns : null;

    /// <summary>The previous diaSources (<c>prvDiaSources</c>) and the columns read from them.</summary>
    public static readonly HistoryKind Previous = Survey.Lsst.History.Single(k => k.Name == LsstSurvey.PreviousSourcesName);
    public static readonly ColumnDef PrvBand = Previous.Catalog!.Get("r:band");
    public static readonly ColumnDef PrvTime = Previous.Catalog!.Get("r:midpointMjdTai");
    public static readonly ColumnDef PrvPsfFlux = Previous.Catalog!.Get("r:psfFlux");
    public static readonly ColumnDef PrvPsfFluxErr = Previous.Catalog!.Get("r:psfFluxErr");
    public static readonly ColumnDef PrvTemplateFlux = Previous.Catalog!.Get("r:templateFlux");

    /// <summary>A float column as Fink's float32 Series holds it: null → NaN.</summary>
    public static float Float(this Alert alert, ColumnDef column) => AsFloat(alert.Values[column.Ordinal]);

    /// <summary>A double column (or an int one widened, as pandas does when it holds nulls): null → NaN.</summary>
    public static double Double(this Alert alert, ColumnDef column) => AsDouble(alert.Values[column.Ordinal]);

    public static bool? Flag(this Alert alert, ColumnDef column) => alert.Values[column.Ordinal] as bool?;

    public static string? Text(this Alert alert, ColumnDef column) => alert.Values[column.Ordinal] as string;

    public static float Float(this Measurement source, ColumnDef column) => AsFloat(source.Values[column.Ordinal]);

    public static double Double(this Measurement source, ColumnDef column) => AsDouble(source.Values[column.Ordinal]);

    /// <summary>The alert's previous diaSources, in packet order.</summary>
    public static IEnumerable<Measurement> PreviousSources(this Alert alert) => alert.Measurements.Where(m => m.Kind == Previous);

    private static float AsFloat(object? value) => value switch
    {
        float f => f,
        double d => (float)d,
        int i => i,
        long l => l,
        _ => float.NaN,
    };

    private static double AsDouble(object? value) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        _ => double.NaN,
    };
}
