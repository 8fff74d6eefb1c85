using FinkTom.Core.Model;

namespace FinkTom.Ingest.Decoding;

/// <summary>
/// Which catalogue column a root field of a ZTF or Fink packet fills. ZTF alert root fields and Fink's version
/// fields are served under <c>i:</c> (contract fink-rest-api §1.4); every other root field named like a
/// <c>d:</c> column is a Fink added value (§4.2), including the names Fink used before fink-science 0.5.0.
/// </summary>
internal static class FinkFieldNames
{
    public const string Candidate = "candidate";
    public const string PrvCandidates = "prv_candidates";
    public const string LcFeaturesG = "lc_features_g";
    public const string LcFeaturesR = "lc_features_r";
    public static readonly string[] CutoutFields = ["cutoutScience", "cutoutTemplate", "cutoutDifference"];

    private static readonly HashSet<string> RootZtfFields =
        ["objectId", "candid", "schemavsn", "publisher", "fink_broker_version", "fink_science_version"];

    // Contract §4.2 "named rfscore / knscore in 2020–2021 data"; fink docs: renamed in fink-science 0.5.0.
    // The 2020 stream's single SuperNNova score `snn` is, by our reading, the SN Ia vs non-Ia model that
    // Fink later published as snn_snia_vs_nonia (the only SuperNNova model Fink ran at the time).
    private static readonly Dictionary<string, string> OldNames = new(StringComparer.Ordinal)
    {
        ["rfscore"] = "rf_snia_vs_nonia",
        ["knscore"] = "rf_kn_vs_nonkn",
        ["snn"] = "snn_snia_vs_nonia",
    };

    /// <summary>The column a plain root field maps to, or null when the catalogue has none.</summary>
    public static ColumnDef? RootColumn(string field)
    {
        if (RootZtfFields.Contains(field))
            return ColumnCatalog.Get("i:" + field);
        var name = OldNames.GetValueOrDefault(field, field);
        return ColumnCatalog.TryGet("d:" + name, out var column) && column != ColumnCatalog.Classification ? column : null;
    }

    /// <summary>The <c>d:{field}_{key}</c> columns that Fink's API flattens a nested root field into
    /// (<c>mangrove</c> → <c>d:mangrove_HyperLEDA_name</c>…, <c>blazar_stats</c> → <c>d:blazar_stats_m0</c>…), by key.</summary>
    public static Dictionary<string, ColumnDef> FlattenedColumns(string field)
    {
        var prefix = "d:" + field + "_";
        return ColumnCatalog.Stored
            .Where(c => c.Name.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(c => c.Name[prefix.Length..], StringComparer.Ordinal);
    }

    /// <summary>The column of a <c>candidate</c> field: every ZTF candidate field is an <c>i:</c> column.</summary>
    public static ColumnDef? CandidateColumn(string field) =>
        ColumnCatalog.TryGet("i:" + field, out var column) ? column : null;
}
