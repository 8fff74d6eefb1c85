using FinkTom.Core.Model;

namespace FinkTom.Core.Surveys.Lsst;

/// <summary>
/// What Fink adds to a Rubin alert (contract <c>fink-lsst-api.md</c> §1.6, §4.4), as the API names it: cross-matches
/// <c>xm.*</c> → <c>f:xm_*</c>, classifiers <c>clf.*</c> → <c>f:clf_*</c>, predicates <c>pred.*</c> and
/// <c>misc.*</c> → <c>f:*</c>, and the versions. Types are the API's (HBase) types.
/// </summary>
public static class FinkLsstFields
{
    /// <summary>The 21 cross-match fields of <c>xm</c>, in Fink's order.</summary>
    public static readonly (string Field, ColumnType Type)[] CrossMatches =
    [
        ("simbad_otype", ColumnType.String),
        ("gaiadr3_DR3Name", ColumnType.String),
        ("gaiadr3_Plx", ColumnType.Float),
        ("gaiadr3_e_Plx", ColumnType.Float),
        ("gaiadr3_VarFlag", ColumnType.String), // an int in alerts; Fink's table declares it string ("0"/"1")
        ("legacydr8_zphot", ColumnType.Float),
        ("legacydr8_e_zphot", ColumnType.Float),
        ("legacydr8_pstar", ColumnType.Float),
        ("legacydr8_fqual", ColumnType.Int),
        ("tns_fullname", ColumnType.String),
        ("tns_type", ColumnType.String),
        ("tns_redshift", ColumnType.Float),
        ("gcvs_type", ColumnType.String),
        ("x3hsp_type", ColumnType.String),
        ("x4lac_type", ColumnType.String),
        ("vsx_Type", ColumnType.String),
        ("spicy_class", ColumnType.String),
        ("mangrove_HyperLEDA_name", ColumnType.String),
        ("mangrove_2MASS_name", ColumnType.String),
        ("mangrove_lum_dist", ColumnType.Float),
        ("mangrove_ang_dist", ColumnType.Float),
    ];

    /// <summary>The 6 classifier outputs of <c>clf</c>.</summary>
    public static readonly (string Field, ColumnType Type)[] Classifiers =
    [
        ("snnSnVsOthers_score", ColumnType.Float),
        ("cats_class", ColumnType.Int),
        ("cats_score", ColumnType.Float),
        ("earlySNIa_score", ColumnType.Double),
        ("elephant_kstest_science", ColumnType.Float),
        ("elephant_kstest_template", ColumnType.Float),
    ];

    /// <summary>Root fields Fink adds that the source tables keep.</summary>
    public static readonly string[] Versions = ["fink_broker_version", "fink_science_version", "lsst_schema_version"];

    /// <summary>The 6 object columns: <c>pred.*</c> and <c>misc.firstDiaSourceMjdTaiFink</c>.</summary>
    public static readonly (string Field, ColumnType Type)[] ObjectFields =
    [
        ("is_sso", ColumnType.Bool),
        ("is_first", ColumnType.Bool),
        ("is_cataloged", ColumnType.Bool),
        ("main_label_crossmatch", ColumnType.String),
        ("main_label_classifier", ColumnType.Int),
        ("firstDiaSourceMjdTaiFink", ColumnType.Double),
    ];

    /// <summary>The 30 Fink columns of a diaSource row (<c>/sources</c>, <c>/tags</c>), in the contract's order.</summary>
    public static IEnumerable<string> SourceColumns =>
        CrossMatches.Select(x => "f:xm_" + x.Field)
            .Concat(["f:clf_earlySNIa_score", "f:clf_snnSnVsOthers_score", "f:clf_cats_class", "f:clf_cats_score",
                "f:clf_elephant_kstest_science", "f:clf_elephant_kstest_template"])
            .Concat(Versions.Select(v => "f:" + v));
}
