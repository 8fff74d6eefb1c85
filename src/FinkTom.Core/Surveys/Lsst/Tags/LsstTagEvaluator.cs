using FinkTom.Core.Model;

namespace FinkTom.Core.Surveys.Lsst.Tags;

/// <summary>
/// Evaluates Fink's 12 Rubin tags on one alert and stores each outcome in its <c>t:&lt;tag&gt;</c> column, so that
/// <c>/lsst/api/v1/tags</c> can query them. Decoders call <see cref="Apply"/> on every Rubin alert; it reads only the
/// alert (its columns, previous diaSources and science cutout), and decodes the cutout or samples rates only for the
/// few alerts that pass a tag's cheap cuts.
/// </summary>
/// <remarks>A Rubin packet that Fink has not processed has no cross-matches or classifier scores: those columns are
/// null and the tags read them as Fink's code reads a missing value (no SIMBAD match counts as "unknown").</remarks>
public static class LsstTagEvaluator
{
    /// <summary>Every tag's predicate by its Fink name (the names of <see cref="LsstTags.All"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<Alert, bool>> Predicates = new Dictionary<string, Func<Alert, bool>>(StringComparer.Ordinal)
    {
        ["extragalactic_lt20mag_candidate"] = ExtragalacticTags.Lt20MagCandidate,
        ["extragalactic_new_candidate"] = ExtragalacticTags.NewCandidate,
        ["extragalactic_svom"] = ExtragalacticTags.Svom,
        ["faint_trails"] = FaintTrailsTag.FaintTrails,
        ["fast_transient_gvom"] = ExtragalacticTags.FastTransientGvom,
        ["hostless_candidate"] = TransientTags.HostlessCandidate,
        ["in_tns"] = TransientTags.InTns,
        ["mdwarf_flare"] = MdwarfFlareTag.MdwarfFlare,
        ["most_likely_sn"] = TransientTags.MostLikelySn,
        ["remove_unlikely_transients"] = TransientTags.RemoveUnlikelyTransients,
        ["sn_near_galaxy_candidate"] = ExtragalacticTags.SnNearGalaxyCandidate,
        ["uniform_sample"] = TransientTags.UniformSample,
    };

    private static readonly (ColumnDef Column, Func<Alert, bool> Predicate)[] Columns =
        [.. LsstTags.All.Select(t => (Survey.Lsst.Catalog.Get(t.Column), Predicates[t.Name]))];

    /// <summary>Sets every <c>t:</c> column of a Rubin alert to true or false.</summary>
    public static void Apply(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Survey != Survey.Lsst)
            throw new ArgumentException($"Rubin tags apply to LSST alerts, not to {alert.Survey.Name} ones.", nameof(alert));
        foreach (var (column, predicate) in Columns)
            alert.Values[column.Ordinal] = predicate(alert);
    }
}
