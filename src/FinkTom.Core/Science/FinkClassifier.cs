using FinkTom.Core.Model;

namespace FinkTom.Core.Science;

/// <summary>
/// Fink's <c>v:classification</c> (fink-filters <c>extract_fink_classification</c>, contract §1.7), computed from
/// an alert's stored values. A missing value fails every test it appears in, so a raw ZTF alert with no Fink
/// fields classifies as <c>Unknown</c> unless its own fields decide otherwise.
/// </summary>
public static class FinkClassifier
{
    public const string Unknown = "Unknown";

    /// <summary>The Fink classes this rule can produce (besides SIMBAD labels), as listed by /api/v1/classes.</summary>
    public static readonly string[] FinkClasses =
    [
        "Early SN Ia candidate", "Kilonova candidate", "SN candidate", "Microlensing candidate", "Tracklet",
        "Solar System MPC", "Solar System candidate", "Ambiguous",
    ];

    /// <summary>SIMBAD labels compatible with an extragalactic host (fink-utils <c>return_list_of_eg_host</c>).</summary>
    public static readonly IReadOnlySet<string> ExtragalacticCompatible = new HashSet<string>(StringComparer.Ordinal)
    {
        "Unknown", "Candidate_SN*", "SN", "Transient", "Fail", "Fail 504", "galaxy", "Galaxy", "EmG", "Seyfert",
        "Seyfert_1", "Seyfert_2", "BlueCompG", "StarburstG", "LSB_G", "HII_G", "High_z_G", "GinPair", "GinGroup",
        "BClG", "GinCl", "PartofG", "Compact_Gr_G", "IG", "PairG", "GroupG", "ClG", "SuperClG", "Void", "LINER",
        "Possible_ClG", "Possible_SClG", "GravLens_Candidate", "SN*_Candidate",
    };

    /// <summary>Values of <c>d:cdsxmatch</c> that name no SIMBAD class (no match, or a failed cross-match).</summary>
    public static readonly IReadOnlySet<string> NotSimbadLabels = new HashSet<string>(StringComparer.Ordinal) { "Unknown", "Transient", "Fail", "Fail 504" };

    private static readonly ColumnDef CdsXmatch = ColumnCatalog.Get("d:cdsxmatch");
    private static readonly ColumnDef Roid = ColumnCatalog.Get("d:roid");
    private static readonly ColumnDef Mulens = ColumnCatalog.Get("d:mulens");
    private static readonly ColumnDef SnnSnIa = ColumnCatalog.Get("d:snn_snia_vs_nonia");
    private static readonly ColumnDef SnnSnAll = ColumnCatalog.Get("d:snn_sn_vs_all");
    private static readonly ColumnDef RfSnIa = ColumnCatalog.Get("d:rf_snia_vs_nonia");
    private static readonly ColumnDef RfKn = ColumnCatalog.Get("d:rf_kn_vs_nonkn");
    private static readonly ColumnDef Tracklet = ColumnCatalog.Get("d:tracklet");
    private static readonly ColumnDef NDetHist = ColumnCatalog.Get("i:ndethist");
    private static readonly ColumnDef Drb = ColumnCatalog.Get("i:drb");
    private static readonly ColumnDef ClassTar = ColumnCatalog.Get("i:classtar");

    public static string Classify(Alert alert)
    {
        var cds = alert.GetString(CdsXmatch);
        var roid = alert.GetDouble(Roid);
        var ndethist = alert.GetDouble(NDetHist);
        var drb = alert.GetDouble(Drb);
        var classtar = alert.GetDouble(ClassTar);
        var lapse = alert.GetDouble(ColumnCatalog.Jd) - alert.GetDouble(ColumnCatalog.JdStartHist);

        var isEg = cds is not null && ExtragalacticCompatible.Contains(cds);
        var snnSaysSn = Gt(alert.GetDouble(SnnSnIa), 0.5) || Gt(alert.GetDouble(SnnSnAll), 0.5);
        var goodShape = Gt(drb, 0.5) && Gt(classtar, 0.4);
        var notMpc = roid is not null && roid != 3;

        var tracklet = alert.GetString(Tracklet)?.StartsWith("TRCK_", StringComparison.Ordinal) == true;
        var simbad = IsSimbadLabel(cds);
        var earlySn = snnSaysSn && isEg && goodShape && ndethist <= 20 && Gt(alert.GetDouble(RfSnIa), 0.5);
        var sn = snnSaysSn && isEg && lapse <= 90 && goodShape && ndethist > 1 && notMpc;
        var mulens = Gt(alert.GetDouble(Mulens), 0.0);
        var kn = Gt(alert.GetDouble(RfKn), 0.5) && goodShape && lapse < 5 && ndethist < 20 && notMpc && isEg;
        var roid3 = roid == 3;
        var roid2 = roid == 2;

        var result = Unknown;
        if (mulens) result = "Microlensing candidate";
        if (sn) result = "SN candidate";
        if (earlySn) result = "Early SN Ia candidate";
        if (kn) result = "Kilonova candidate";
        if (roid2) result = "Solar System candidate";
        if (tracklet) result = "Tracklet";
        if (roid3) result = "Solar System MPC";
        if ((mulens ? 1 : 0) + (sn ? 1 : 0) + (roid2 ? 1 : 0) + (roid3 ? 1 : 0) > 1) result = "Ambiguous";
        if (simbad) result = cds!;
        return result;
    }

    /// <summary>A SIMBAD label proper: not Unknown, Transient nor a failed cross-match.</summary>
    public static bool IsSimbadLabel(string? cds) => cds is not null && !NotSimbadLabels.Contains(cds);

    private static bool Gt(double? value, double threshold) => value > threshold;
}
