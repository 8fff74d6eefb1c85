using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Science;
using FinkTom.Core.Time;

namespace FinkTom.Server.Tables;

/// <summary>
/// The <c>v:</c> columns Fink computes when answering (contract §1.5 step 7, §4.4). <c>v:constellation</c> is
/// not offered: it needs the IAU boundary table, which FinkTom does not ship.
/// </summary>
public static class QueryTimeColumns
{
    public static readonly OutputColumn Classification = new("v:classification", ColumnType.String,
        row => row.IsAlert ? row.Alert.GetString(ColumnCatalog.Classification) ?? FinkClassifier.Classify(row.Alert) : null);

    public static readonly OutputColumn[] ColorAndRate =
    [
        new("v:rate", ColumnType.Double, row => row.Color.Rate),
        new("v:sigma(rate)", ColumnType.Double, row => row.Color.SigmaRate),
        new("v:g-r", ColumnType.Double, row => row.Color.GMinusR),
        new("v:sigma(g-r)", ColumnType.Double, row => row.Color.SigmaGMinusR),
        new("v:rate(g-r)", ColumnType.Double, row => row.Color.RateGMinusR),
        new("v:sigma(rate(g-r))", ColumnType.Double, row => row.Color.SigmaRateGMinusR),
    ];

    public static readonly OutputColumn[] Dates =
    [
        new("v:lastdate", ColumnType.String, row => row.Alert.GetDouble(ColumnCatalog.Jd) is { } jd ? JulianDate.ToIsoOrNull(jd) : null),
        new("v:firstdate", ColumnType.String, row => row.Alert.GetDouble(ColumnCatalog.JdStartHist) is { } jd ? JulianDate.ToIsoOrNull(jd) : null),
        new("v:lapse", ColumnType.Double, row => row.Alert.GetDouble(ColumnCatalog.Jd) - row.Alert.GetDouble(ColumnCatalog.JdStartHist)),
    ];

    public static readonly OutputColumn Separation = new("v:separation_degree", ColumnType.Double, row => row.SeparationDeg);

    public static readonly OutputColumn Tag = new("d:tag", ColumnType.String, row => row.Tag);

    /// <summary>Every <c>v:</c> name a client may put in <c>columns</c>.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(
        new[] { Classification, Separation }.Concat(ColorAndRate).Concat(Dates).Select(c => c.Name), StringComparer.Ordinal);

    public static OutputColumn? Find(string name) =>
        new[] { Classification, Separation, Tag }.Concat(ColorAndRate).Concat(Dates).FirstOrDefault(c => c.Name == name);

    /// <summary>Fills <see cref="AlertRow.Color"/> for every alert row, object by object (§1.8).</summary>
    public static void ComputeColors(IReadOnlyList<AlertRow> rows)
    {
        foreach (var group in rows.Where(r => r.IsAlert).GroupBy(r => r.Alert.ObjectId))
        {
            var usable = group.Where(r => r.Alert.GetDouble(ColumnCatalog.MagPsf) is not null && r.Alert.GetDouble(ColumnCatalog.Fid) is not null).ToList();
            var points = usable.Select(r => new Photometry(r.Alert.Jd, (int)r.Alert.GetDouble(ColumnCatalog.Fid)!.Value,
                r.Alert.GetDouble(ColumnCatalog.MagPsf)!.Value, r.Alert.GetDouble(ColumnCatalog.SigmaPsf) ?? 0)).ToList();
            var values = ColorRateCalculator.Compute(points);
            for (var i = 0; i < usable.Count; i++)
                usable[i].Color = values[i];
        }
    }
}
