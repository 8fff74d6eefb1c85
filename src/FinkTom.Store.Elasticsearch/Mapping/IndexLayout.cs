using System.Globalization;
using FinkTom.Core.Time;

namespace FinkTom.Store.Elasticsearch.Mapping;

/// <summary>
/// Index names. Each kind of document (alerts, history points, cutouts) lives in one index per month (or day) of
/// <em>observation</em> time, <c>{prefix}-alerts-2023.10</c>, behind a read alias <c>{prefix}-alerts</c> that the index
/// template adds to every new index. Routing by observation time, not by ingestion time as <c>_rollover</c> would, keeps
/// ingestion idempotent: an alert always lands in the same index, where its <c>candid</c> is the document id, however
/// late or often it is sent again. Old periods can be force-merged, moved to cheaper nodes, snapshotted or deleted one by one.
/// </summary>
public sealed class IndexLayout(string prefix, IndexPeriod period)
{
    public string Prefix { get; } = prefix;

    public IndexPeriod Period { get; } = period;

    public string AlertsAlias => Prefix + "-alerts";

    public string HistoryAlias => Prefix + "-history";

    public string CutoutsAlias => Prefix + "-cutouts";

    /// <summary>Object summaries: one document per object id, whatever the period of its alerts.</summary>
    public string ObjectsAlias => Prefix + "-objects";

    /// <summary>The one objects index behind <see cref="ObjectsAlias"/>; a new generation (<c>-v2</c>) can be rebuilt
    /// beside it from the alerts should its mapping ever change.</summary>
    public string ObjectsIndex => ObjectsAlias + "-v1";

    /// <summary>All four read aliases, for refresh.</summary>
    public string AllAliases => $"{AlertsAlias},{HistoryAlias},{CutoutsAlias},{ObjectsAlias}";

    public string AlertsIndex(double jd) => AlertsAlias + "-" + Suffix(jd);

    public string HistoryIndex(double jd) => HistoryAlias + "-" + Suffix(jd);

    public string CutoutsIndex(double jd) => CutoutsAlias + "-" + Suffix(jd);

    /// <summary><c>2023.10</c> (month) or <c>2023.10.18</c> (day) of the UTC date of a Julian date.</summary>
    public string Suffix(double jd)
    {
        if (!double.IsFinite(jd) || jd < 1_721_426 || jd > 5_373_484) // years 1 to 9999
            throw new ArgumentOutOfRangeException(nameof(jd), jd, "A Julian date is needed to choose the index.");
        var date = JulianDate.ToDateTime(jd);
        return date.ToString(Period == IndexPeriod.Day ? "yyyy.MM.dd" : "yyyy.MM", CultureInfo.InvariantCulture);
    }
}
