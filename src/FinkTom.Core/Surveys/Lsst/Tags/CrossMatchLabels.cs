namespace FinkTom.Core.Surveys.Lsst.Tags;

/// <summary>
/// The label lists the cross-match blocks test against (fink-utils 0.71.0 <c>xmatch/simbad.py</c> and
/// <c>xmatch/vsx.py</c>, fink-filters <c>BAD_VALUES</c>). Matching is exact and case-sensitive, as pandas'
/// <c>isin</c>; null matches only <see cref="IsBad"/>.
/// </summary>
public static class CrossMatchLabels
{
    /// <summary><c>return_list_of_eg_host()</c>: SIMBAD types that count as a galaxy host. Besides the galaxy types it
    /// holds <c>Unknown</c>, <c>Fail</c>, <c>Fail 504</c>, <c>SN</c>, <c>Candidate_SN*</c>, <c>SN*_Candidate</c> and
    /// <c>Transient</c> (34 labels; the function's own doctest says 30, its code gives 34).</summary>
    public static readonly IReadOnlySet<string> SimbadExtragalacticHosts = new HashSet<string>(
    [
        "Unknown", "Candidate_SN*", "SN", "Transient", "Fail", "Fail 504",
        "galaxy", "Galaxy", "EmG", "Seyfert", "Seyfert_1", "Seyfert_2", "BlueCompG", "StarburstG", "LSB_G", "HII_G",
        "High_z_G", "GinPair", "GinGroup", "BClG", "GinCl", "PartofG", "Compact_Gr_G", "IG", "PairG", "GroupG", "ClG",
        "SuperClG", "Void", "LINER", "Possible_ClG", "Possible_SClG", "GravLens_Candidate",
        "SN*_Candidate",
    ], StringComparer.Ordinal);

    /// <summary><c>return_list_of_stellar()</c>: the 169 VSX variable-star types.</summary>
    public static readonly IReadOnlySet<string> VsxStellar = new HashSet<string>(
    [
        "*", "ACEP", "ACEP(B)", "ACEPS", "CEP", "DCEP", "DCEP(B)", "DCEP-FO", "DCEP-FU", "DCEPS", "DCEPS(B)", "CW", "CW-FO",
        "CW-FU", "CWA", "CWB", "CWB(B)", "CWBS", "RR", "RRAB", "RRC", "RRD", "RV", "RVA", "RVB", "DSCT", "DSCTC", "DSCTr",
        "HADS", "HADS(B)", "SXPHE", "SXPHE(B)", "GDOR", "BCEP", "BCEPS", "SPB", "SPBe", "ACYG", "M", "SR", "SRA", "SRB",
        "SRC", "SRD", "SRS", "L", "LB", "LC", "I", "IA", "IB", "IS", "ISA", "ISB", "IN", "INA", "INAT", "INB", "INS", "INSA",
        "INSB", "INST", "INT", "TTS", "TTS/ROT", "CTTS", "CTTS/ROT", "WTTS", "WTTS/ROT", "EXOR", "FUOR", "GCAS", "BE",
        "SDOR", "UV", "UVN", "WR", "FF", "V838MON", "N", "NA", "NB", "NC", "NR", "NL", "NL/VY", "UG", "UGSS", "UGSU", "UGER",
        "UGWZ", "UGZ", "UGZ/IW", "ZAND", "CV", "AM", "DQ", "DQ/AE", "CBSS", "CBSS/V", "IBWD", "E", "E-DO", "EA", "EB", "EC",
        "ED", "ELL", "EP", "ESD", "EW", "DPV", "HB", "R", "RS", "BY", "FKCOM", "ACV", "SXARI", "SXARI/E", "LERI", "roAp",
        "roAm", "ROT", "X", "HMXB", "IMXB", "LMXB", "PSR", "WDP", "ZZ", "ZZ/GWLIB", "ZZA", "ZZA/O", "ZZB", "ZZLep", "ZZO",
        "V361HYA", "V1093HER", "DWLYN", "BLAP", "FSCMa", "cPNB[e]", "RCB", "DYPer", "BXCIR", "PVTEL", "PVTELI", "PVTELII",
        "PVTELIII", "YHG", "PPN", "ORG", "UXOR", "VBD", "APER", "CST", "MISC", "LPV", "NSIN", "NSIN ELL", "PER", "PULS", "S",
        "SIN", "Transient", "VAR", "YSO", "non-cv",
    ], StringComparer.Ordinal);

    /// <summary><c>return_list_of_nonstellar()</c>: the 37 VSX extragalactic and explosive types.</summary>
    public static readonly IReadOnlySet<string> VsxNonStellar = new HashSet<string>(
    [
        "AGN", "BLLAC", "QSO", "GRB", "Microlens", "TDE", "LFBOT", "SN", "SN I", "SN Ia", "SN Ia-00cx-like",
        "SN Ia-02es-like", "SN Ia-06gz-like", "SN Ia-86G-like", "SN Ia-91bg-like", "SN Ia-91T-like", "SN Ia-99aa-like",
        "SN Ia-Ca-rich", "SN Ia-CSM", "SN Iax", "SN Ib", "SN Ic", "SN Ic-BL", "SN Icn", "SN Idn", "SN Ien", "SN II",
        "SN II-L", "SN II-P", "SN IIa", "SN IIb", "SN IId", "SN IIn", "SN-pec", "SLSN", "SLSN-I", "SLSN-II",
    ], StringComparer.Ordinal);

    /// <summary>fink-filters' <c>BAD_VALUES</c>: no usable match — null, <c>Unknown</c>, <c>Fail</c>, <c>Fail 504</c>.</summary>
    public static bool IsBad(string? label) => label is null or "Unknown" or "Fail" or "Fail 504";
}
