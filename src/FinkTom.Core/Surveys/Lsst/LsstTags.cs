namespace FinkTom.Core.Surveys.Lsst;

/// <summary>
/// One of Fink's Rubin tags (livestream filters, contract <c>fink-lsst-api.md</c> §3.2): its name, Fink's literal
/// description, whether <c>/api/v1/tags</c> serves it (<c>HBASE_SUPPORT</c>) and the fink-filters release that added it.
/// Stored alerts carry one boolean column per tag, <c>t:&lt;name&gt;</c>, set at ingestion.
/// </summary>
public sealed record LsstTag(string Name, bool ApiSupport, string Since, string Description)
{
    /// <summary>The FinkTom column holding whether an alert passed the tag.</summary>
    public string Column => "t:" + Name;

    /// <summary>Fink's Kafka topic for the tag.</summary>
    public string Topic => $"fink_{Name}_lsst";
}

public static class LsstTags
{
    /// <summary>The 12 tags of fink-filters 7.40, alphabetical (the order of Fink's JSON answer).</summary>
    public static readonly IReadOnlyList<LsstTag> All =
    [
        new("extragalactic_lt20mag_candidate", true, "7.35",
            "Select alerts that are rising, bright (mag < 20), and extragalactic candidates"),
        new("extragalactic_new_candidate", true, "7.35",
            "Select LSST alerts new (< 5days first apparition), bright (mag < 24), potentially extragalactic with a fading or rising rate passing the cuts"),
        new("extragalactic_svom", false, "7.35",
            "Select LSST alerts new (< 5days first apparition), bright (mag < 24), potentially extragalactic"),
        new("faint_trails", true, "7.37", "Select faint trails measuring more than 2 arcsec (mag between 18-21)"),
        new("fast_transient_gvom", false, "7.38",
            "\nSelect LSST alerts that are:\n- new (< 5days first apparition)\n- bright (mag < 21)\n- potentially extragalactic\n- behaving like fast transient (magnitude rate < 0.3 mag/day)\n"),
        new("hostless_candidate", true, "7.35",
            "Select LSST alerts that are hostless according to ELEPHANT. See https://arxiv.org/abs/2404.18165."),
        new("in_tns", true, "7.35",
            "Select alerts with a known counterpart in TNS (AT or confirmed) at the time of emission by Rubin"),
        new("mdwarf_flare", true, "7.39",
            "Select alerts that are likely to be M dwarf flares, in bluer bands, and high airmass for DCR-based temperature inference"),
        new("most_likely_sn", true, "7.35", "Selects alerts that are likely to be SN, based on SuperNNova and CATS classifiers."),
        new("remove_unlikely_transients", false, "7.35",
            "Filters out alerts unlikely to be transients of interest to the DESC community."),
        new("sn_near_galaxy_candidate", true, "7.35",
            "Select alerts matching in catalogs to a galaxy and properties consistent with SNe"),
        new("uniform_sample", false, "7.35", "Select 1% of all live alerts in a uniformly random way"),
    ];

    public static LsstTag? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
