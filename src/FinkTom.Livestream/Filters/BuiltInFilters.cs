using FinkTom.Core.Model;
using FinkTom.Core.Science;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst;

namespace FinkTom.Livestream.Filters;

/// <summary>
/// Fink's ZTF livestream filters (fink-filters 7.40, contract fink-livestream §6.1) written in the predicate language,
/// so that topics such as <c>fink_early_sn_candidates_ztf</c> exist out of the box. "jd − jdstarthist" limits are a
/// <see cref="BuiltInRefinement"/> (the language compares a column with a constant). Filters that need data FinkTom
/// does not keep (Mangrove host geometry, light-curve fits, stamp statistics, external catalogues) are not shipped:
/// early_kn, rate_based_kn, yso_spicy, magnetic_cvs and the three hostless filters.
/// Rubin: Fink's 12 tags (contract fink-lsst-api §3.2) as <c>fink_&lt;tag&gt;_lsst</c>; each tag is worked out once, at
/// ingestion (<c>LsstTagEvaluator</c>, the stored <c>t:&lt;tag&gt;</c> flags), so its filter reads that flag.
/// </summary>
public static class BuiltInFilters
{
    public sealed record Definition(string Name, string Expression, string Description, BuiltInRefinement? Refinement = null, Survey? Survey = null);

    private static readonly string Extragalactic = List(FinkClassifier.ExtragalacticCompatible.Order(StringComparer.Ordinal));

    private const string SnScores = "(snn_snia_vs_nonia gt 0.5 or snn_sn_vs_all gt 0.5)";
    private const string Quality = "drb gt 0.5 and classtar gt 0.4";

    public static IReadOnlyList<Definition> All { get; } =
    [
        new("sn_candidates", $"{SnScores} and cdsxmatch in {Extragalactic} and {Quality} and ndethist gt 1 and roid ne 3",
            "Supernova candidates: SuperNNova score > 0.5, extragalactic-compatible SIMBAD type, good quality, at most 90 days old.",
            Age("jd - jdstarthist le 90", days => days <= 90)),
        new("early_sn_candidates", $"{SnScores} and cdsxmatch in {Extragalactic} and {Quality} and ndethist le 20 and rf_snia_vs_nonia gt 0.5",
            "Early SN Ia candidates (reported to TNS by Fink): SN scores > 0.5, early SN Ia random forest > 0.5, at most 20 detections."),
        new("kn_candidates", $"rf_kn_vs_nonkn gt 0.5 and {Quality} and ndethist lt 20 and roid ne 3 and cdsxmatch in {Extragalactic}",
            "Kilonova candidates: kilonova random forest > 0.5, good quality, younger than 5 days.",
            Age("jd - jdstarthist lt 5", days => days < 5)),
        new("sso_ztf_candidates", "roid eq 3", "Known Solar System objects (MPC match, roid = 3)."),
        new("sso_fink_candidates", "roid eq 2", "New Solar System object candidates (roid = 2)."),
        new("microlensing_candidates", "mulens gt 0", "Microlensing candidates (LIA score > 0)."),
        new("simbad_grav_candidates",
            $"cdsxmatch in {List(["Gravitation", "LensingEv", "GravLensSystem", "GravLens", "LensedImage", "LensedG", "LensedQ", "BlackHole", "GravWaveEvent"])}",
            "Alerts matching a SIMBAD gravitational object (lens, black hole, GW event)."),
        new("blazar", $"cdsxmatch in {List(["Blazar", "Blazar_Candidate", "BLLac", "BLLac_Candidate"])}", "Alerts matching a known blazar in SIMBAD."),
        new("yso_candidates", $"cdsxmatch in {List(["Candidate_YSO", "Candidate_TTau*", "YSO_Candidate", "TTau*_Candidate"])}",
            "Young stellar object candidates from SIMBAD."),
        new("tns_match", "tns ne null and tns ne ''", "Alerts matching a TNS report, at most 30 days old.",
            Age("jd - jdstarthist le 30", days => days <= 30)),
        new("unknowns", "classification eq 'Unknown'", "Alerts that Fink's classification leaves Unknown."),
        new("vra", "cdsxmatch eq 'Unknown' and roid ne 3 and magpsf gt 19.5 and drb gt 0.5",
            "Faint (magpsf > 19.5) unclassified transients, for the Vera Rubin rehearsal program."),
        new("tracklet_candidates", "startswith(tracklet, 'TRCK_')", "Fast-moving objects: alerts on a satellite tracklet."),
        new("simbad_candidates", "cdsxmatch ne null and not (cdsxmatch in ('Unknown', 'Transient', 'Fail', 'Fail 504'))",
            "Alerts with a SIMBAD counterpart of a known type."),
        .. LsstTags.All.Select(tag => new Definition(tag.Name, $"{tag.Name} eq true",
            System.Text.RegularExpressions.Regex.Replace(tag.Description.Trim(), @"\s+", " "), Survey: Survey.Lsst)),
    ];

    private static string List(IEnumerable<string> labels) => "(" + string.Join(", ", labels.Select(l => "'" + l.Replace("'", "''") + "'")) + ")";

    private static BuiltInRefinement Age(string text, Func<double, bool> test) => new(text, alert =>
        alert.GetDouble(ColumnCatalog.JdStartHist) is { } start && test(alert.Jd - start));
}
