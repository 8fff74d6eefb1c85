using System.Globalization;
using FinkTom.Core.Model;
using FinkTom.Core.Science;

namespace FinkTom.Core.Statistics;

/// <summary>
/// What one ZTF alert adds to its night's statistics (Fink's <c>statistics_class</c> table, fink-broker
/// <c>archive_statistics.py</c>): <c>basic:raw</c> counts every alert; the rest counts the alerts that pass Fink's
/// quality cut (rb ≥ 0.55 and nbad = 0), as Fink counts its science table: <c>basic:sci</c>, <c>basic:n_g</c>,
/// <c>basic:n_r</c>, one <c>class:&lt;class&gt;</c> per Fink class, <c>class:simbad_tot</c> (a SIMBAD label) and
/// <c>class:simbad_gal</c> (a label compatible with a galaxy host, "Unknown" included, as Fink's list has it).
/// <c>basic:exposures</c> and <c>basic:fields</c> count distinct exposure times and fields: a store keeps the
/// distinct values per night and bumps the counter when a value is new.
/// </summary>
public static class NightCounters
{
    public const string Raw = "basic:raw";
    public const string Sci = "basic:sci";
    public const string Exposures = "basic:exposures";
    public const string Fields = "basic:fields";
    public const string Key = "key:key";

    /// <summary>The <c>basic:</c> columns in Fink's order (its <c>night</c> is the row key, <c>key:key</c>).</summary>
    public static readonly string[] BasicColumns = [Raw, Sci, "basic:n_g", "basic:n_r", Exposures, Fields];

    private static readonly ColumnDef Rb = ColumnCatalog.Get("i:rb");
    private static readonly ColumnDef NBad = ColumnCatalog.Get("i:nbad");
    private static readonly ColumnDef Field = ColumnCatalog.Get("i:field");
    private static readonly ColumnDef CdsXmatch = ColumnCatalog.Get("d:cdsxmatch");

    /// <summary>The observing night of a JD: its UTC date, <c>YYYYMMDD</c> (a Palomar night falls within one UTC date).</summary>
    public static string NightOf(double jd) => Time.JulianDate.ToDateTime(jd).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The row key Fink gives a night.</summary>
    public static string KeyOf(string night) => "ztf_" + night;

    /// <summary>Fink's quality cut: what reaches its science table.</summary>
    public static bool PassesQualityCut(Alert alert) => alert.GetDouble(Rb) >= 0.55 && alert.GetDouble(NBad) == 0;

    /// <summary>The counters this alert adds one to (distinct counts apart: see <see cref="DistinctValues"/>).</summary>
    public static IEnumerable<string> CountersOf(Alert alert)
    {
        yield return Raw;
        if (!PassesQualityCut(alert))
            yield break;
        yield return Sci;
        switch (alert.GetDouble(ColumnCatalog.Fid))
        {
            case 1: yield return "basic:n_g"; break;
            case 2: yield return "basic:n_r"; break;
        }
        yield return "class:" + (alert.GetString(ColumnCatalog.Classification) ?? FinkClassifier.Classify(alert));
        var cds = alert.GetString(CdsXmatch);
        if (FinkClassifier.IsSimbadLabel(cds))
            yield return "class:simbad_tot";
        if (cds is not null && FinkClassifier.ExtragalacticCompatible.Contains(cds))
            yield return "class:simbad_gal";
    }

    /// <summary>The distinct values this alert may add: (counter, value), for alerts passing the quality cut.</summary>
    public static IEnumerable<(string Counter, double Value)> DistinctValues(Alert alert)
    {
        if (!PassesQualityCut(alert))
            yield break;
        yield return (Exposures, alert.Jd);
        if (alert.GetDouble(Field) is { } field)
            yield return (Fields, field);
    }
}
