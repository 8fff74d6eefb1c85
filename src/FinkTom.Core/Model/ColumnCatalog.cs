namespace FinkTom.Core.Model;

/// <summary>
/// Every column FinkTom stores for an alert, named and typed as the Fink API serves them
/// (contract §4: 108 <c>i:</c> ZTF fields, the <c>d:</c> Fink science outputs) plus the pre-computed
/// <c>d:classification</c> of Fink's index tables. Order is HBase's: byte order within each family,
/// <c>d:</c> before <c>i:</c>, which is the column order Fink clients see.
/// </summary>
public static class ColumnCatalog
{
    // ZTF candidate fields (schema 3.3 and 4.02 share them) plus the alert root fields Fink folds into i:.
    private static readonly (string Field, ColumnType Type, bool Nullable)[] ZtfFields =
    [
        ("aimage", ColumnType.Float, true),
        ("aimagerat", ColumnType.Float, true),
        ("bimage", ColumnType.Float, true),
        ("bimagerat", ColumnType.Float, true),
        ("candid", ColumnType.Long, false),
        ("chinr", ColumnType.Float, true),
        ("chipsf", ColumnType.Float, true),
        ("classtar", ColumnType.Float, true),
        ("clrcoeff", ColumnType.Float, true),
        ("clrcounc", ColumnType.Float, true),
        ("clrmed", ColumnType.Float, true),
        ("clrrms", ColumnType.Float, true),
        ("dec", ColumnType.Double, false),
        ("decnr", ColumnType.Double, false),
        ("diffmaglim", ColumnType.Float, true),
        ("distnr", ColumnType.Float, true),
        ("distpsnr1", ColumnType.Float, true),
        ("distpsnr2", ColumnType.Float, true),
        ("distpsnr3", ColumnType.Float, true),
        ("drb", ColumnType.Float, true),
        ("drbversion", ColumnType.String, false),
        ("dsdiff", ColumnType.Float, true),
        ("dsnrms", ColumnType.Float, true),
        ("elong", ColumnType.Float, true),
        ("exptime", ColumnType.Float, true),
        ("fid", ColumnType.Int, false),
        ("field", ColumnType.Int, true),
        ("fink_broker_version", ColumnType.String, false),
        ("fink_science_version", ColumnType.String, false),
        ("fwhm", ColumnType.Float, true),
        ("isdiffpos", ColumnType.String, false),
        ("jd", ColumnType.Double, false),
        ("jdendhist", ColumnType.Double, true),
        ("jdendref", ColumnType.Double, false),
        ("jdstarthist", ColumnType.Double, true),
        ("jdstartref", ColumnType.Double, false),
        ("magap", ColumnType.Float, true),
        ("magapbig", ColumnType.Float, true),
        ("magdiff", ColumnType.Float, true),
        ("magfromlim", ColumnType.Float, true),
        ("maggaia", ColumnType.Float, true),
        ("maggaiabright", ColumnType.Float, true),
        ("magnr", ColumnType.Float, true),
        ("magpsf", ColumnType.Float, false),
        ("magzpsci", ColumnType.Float, true),
        ("magzpscirms", ColumnType.Float, true),
        ("magzpsciunc", ColumnType.Float, true),
        ("mindtoedge", ColumnType.Float, true),
        ("nbad", ColumnType.Int, true),
        ("ncovhist", ColumnType.Int, false),
        ("ndethist", ColumnType.Int, false),
        ("neargaia", ColumnType.Float, true),
        ("neargaiabright", ColumnType.Float, true),
        ("nframesref", ColumnType.Int, false),
        ("nid", ColumnType.Int, true),
        ("nmatches", ColumnType.Int, false),
        ("nmtchps", ColumnType.Int, false),
        ("nneg", ColumnType.Int, true),
        ("objectId", ColumnType.String, false),
        ("objectidps1", ColumnType.Long, true),
        ("objectidps2", ColumnType.Long, true),
        ("objectidps3", ColumnType.Long, true),
        ("pdiffimfilename", ColumnType.String, true),
        ("pid", ColumnType.Long, false),
        ("programid", ColumnType.Int, false),
        ("programpi", ColumnType.String, true),
        ("publisher", ColumnType.String, false),
        ("ra", ColumnType.Double, false),
        ("ranr", ColumnType.Double, false),
        ("rb", ColumnType.Float, true),
        ("rbversion", ColumnType.String, false),
        ("rcid", ColumnType.Int, true),
        ("rfid", ColumnType.Long, false),
        ("schemavsn", ColumnType.String, false),
        ("scorr", ColumnType.Double, true),
        ("seeratio", ColumnType.Float, true),
        ("sgmag1", ColumnType.Float, true),
        ("sgmag2", ColumnType.Float, true),
        ("sgmag3", ColumnType.Float, true),
        ("sgscore1", ColumnType.Float, true),
        ("sgscore2", ColumnType.Float, true),
        ("sgscore3", ColumnType.Float, true),
        ("sharpnr", ColumnType.Float, true),
        ("sigmagap", ColumnType.Float, true),
        ("sigmagapbig", ColumnType.Float, true),
        ("sigmagnr", ColumnType.Float, true),
        ("sigmapsf", ColumnType.Float, false),
        ("simag1", ColumnType.Float, true),
        ("simag2", ColumnType.Float, true),
        ("simag3", ColumnType.Float, true),
        ("sky", ColumnType.Float, true),
        ("srmag1", ColumnType.Float, true),
        ("srmag2", ColumnType.Float, true),
        ("srmag3", ColumnType.Float, true),
        ("ssdistnr", ColumnType.Float, true),
        ("ssmagnr", ColumnType.Float, true),
        ("ssnamenr", ColumnType.String, true),
        ("ssnrms", ColumnType.Float, true),
        ("sumrat", ColumnType.Float, true),
        ("szmag1", ColumnType.Float, true),
        ("szmag2", ColumnType.Float, true),
        ("szmag3", ColumnType.Float, true),
        ("tblid", ColumnType.Long, true),
        ("tooflag", ColumnType.Int, true),
        ("xpos", ColumnType.Float, true),
        ("ypos", ColumnType.Float, true),
        ("zpclrcov", ColumnType.Float, true),
        ("zpmed", ColumnType.Float, true),
    ];

    // Fink science-module outputs as stored in the main table (contract §4.2).
    private static readonly (string Field, ColumnType Type, bool Nullable)[] FinkFields =
    [
        ("DR3Name", ColumnType.String, true),
        ("Plx", ColumnType.Float, true),
        ("anomaly_score", ColumnType.Double, true),
        ("blazar_stats_instantness_high", ColumnType.Float, true),
        ("blazar_stats_instantness_low", ColumnType.Float, true),
        ("blazar_stats_m0", ColumnType.Float, true),
        ("blazar_stats_m1", ColumnType.Float, true),
        ("blazar_stats_m2", ColumnType.Float, true),
        ("blazar_stats_robustness_high", ColumnType.Float, true),
        ("blazar_stats_robustness_low", ColumnType.Float, true),
        ("cdsxmatch", ColumnType.String, true),
        ("delta_time", ColumnType.Double, true),
        ("e_Plx", ColumnType.Float, true),
        ("from_upper", ColumnType.Bool, true),
        ("gaiaClass", ColumnType.String, true),
        ("gaiaVarFlag", ColumnType.Int, true),
        ("gcvs", ColumnType.String, true),
        ("is_transient", ColumnType.Bool, true),
        ("jd_first_real_det", ColumnType.Double, true),
        ("jdstarthist_dt", ColumnType.Double, true),
        ("lc_features_g", ColumnType.String, true),
        ("lc_features_r", ColumnType.String, true),
        ("lower_rate", ColumnType.Double, true),
        ("mag_rate", ColumnType.Double, true),
        ("mangrove_2MASS_name", ColumnType.String, true),
        ("mangrove_HyperLEDA_name", ColumnType.String, true),
        ("mangrove_ang_dist", ColumnType.String, true),
        ("mangrove_lum_dist", ColumnType.String, true),
        ("mulens", ColumnType.Double, true),
        ("nalerthist", ColumnType.Int, true),
        ("rf_kn_vs_nonkn", ColumnType.Double, true),
        ("rf_snia_vs_nonia", ColumnType.Double, true),
        ("roid", ColumnType.Int, true),
        ("sigma_rate", ColumnType.Double, true),
        ("slsn_score", ColumnType.Float, true),
        ("snn_sn_vs_all", ColumnType.Double, true),
        ("snn_snia_vs_nonia", ColumnType.Double, true),
        ("spicy_class", ColumnType.String, true),
        ("spicy_id", ColumnType.Int, true),
        ("tns", ColumnType.String, true),
        ("tracklet", ColumnType.String, true),
        ("upper_rate", ColumnType.Double, true),
        ("vsx", ColumnType.String, true),
        ("x3hsp", ColumnType.String, true),
        ("x4lac", ColumnType.String, true),
    ];

    /// <summary>All stored columns; <see cref="ColumnDef.Ordinal"/> indexes <see cref="Alert.Values"/>.</summary>
    public static IReadOnlyList<ColumnDef> Stored { get; }

    private static readonly Dictionary<string, ColumnDef> ByName;

    static ColumnCatalog()
    {
        var all = new List<ColumnDef>();
        foreach (var (field, type, nullable) in FinkFields)
            all.Add(new ColumnDef("d:" + field, type, nullable, all.Count));
        foreach (var (field, type, nullable) in ZtfFields)
            all.Add(new ColumnDef("i:" + field, type, nullable, all.Count));
        // Fink's index tables carry the class computed at ingestion (contract §1.7, last paragraph).
        all.Add(new ColumnDef("d:classification", ColumnType.String, false, all.Count));
        Stored = all;
        ByName = all.ToDictionary(c => c.Name, StringComparer.Ordinal);

        Candid = Get("i:candid"); ObjectId = Get("i:objectId"); Jd = Get("i:jd"); Ra = Get("i:ra"); Dec = Get("i:dec");
        Fid = Get("i:fid"); MagPsf = Get("i:magpsf"); SigmaPsf = Get("i:sigmapsf"); JdStartHist = Get("i:jdstarthist");
        SsNameNr = Get("i:ssnamenr"); Tns = Get("d:tns"); Classification = Get("d:classification");
    }

    public static ColumnDef Candid { get; }
    public static ColumnDef ObjectId { get; }
    public static ColumnDef Jd { get; }
    public static ColumnDef Ra { get; }
    public static ColumnDef Dec { get; }
    public static ColumnDef Fid { get; }
    public static ColumnDef MagPsf { get; }
    public static ColumnDef SigmaPsf { get; }
    public static ColumnDef JdStartHist { get; }
    public static ColumnDef SsNameNr { get; }
    public static ColumnDef Tns { get; }
    public static ColumnDef Classification { get; }

    /// <summary>Columns listed by <c>/api/v1/schema</c> under "ZTF original fields (i:)".</summary>
    public static IEnumerable<ColumnDef> ZtfColumns => Stored.Where(c => c.Family == "i");

    /// <summary>Columns listed by <c>/api/v1/schema</c> under "Fink science module outputs (d:)" (the index-only class excluded).</summary>
    public static IEnumerable<ColumnDef> FinkColumns => Stored.Where(c => c.Family == "d" && c != Classification);

    /// <summary>
    /// The stored columns a query with <see cref="Query.AlertQuery.Columns"/> = <paramref name="names"/> returns, in catalogue
    /// order: all when null, otherwise the known requested ones plus candid, objectId and jd, which every store fills.
    /// </summary>
    public static IReadOnlyList<ColumnDef> Selection(IReadOnlyList<string>? names)
    {
        if (names is null)
            return Stored;
        var wanted = new HashSet<ColumnDef> { Candid, ObjectId, Jd };
        foreach (var name in names)
            if (TryGet(name, out var column))
                wanted.Add(column);
        return Stored.Where(wanted.Contains).ToList();
    }

    public static bool TryGet(string name, out ColumnDef column) => ByName.TryGetValue(name, out column!);

    public static ColumnDef Get(string name) =>
        ByName.TryGetValue(name, out var c) ? c : throw new KeyNotFoundException($"Unknown column '{name}'.");
}
