using FinkTom.Core.Model;
using FinkTom.Core.Surveys;

namespace FinkTom.Query.OData;

/// <summary>
/// The <c>LsstForcedPhotometry</c> entity set: one entity per forced measurement at a diaObject's position (Rubin's
/// <c>prvDiaForcedSources</c>, each kept once), keyed by <c>diaForcedSourceId</c>: the 14 fields of Fink's
/// <c>/lsst/api/v1/fp</c> (less <c>r:salt</c>) and <c>date</c>.
/// </summary>
public static class LsstForcedPhotometryFeed
{
    public const string SetName = "LsstForcedPhotometry";

    /// <summary>The stored history kind behind the set.</summary>
    public static HistoryKind Kind { get; } = Survey.Lsst.History.Single(k => k.Stored);

    private static readonly string[] Leading =
        ["r:diaForcedSourceId", "r:diaObjectId", "r:midpointMjdTai", "r:band", "r:psfFlux", "r:psfFluxErr", "r:scienceFlux", "r:scienceFluxErr"];

    public static FeedSet<Measurement> Set { get; } = Build();

    private static FeedSet<Measurement> Build()
    {
        var catalog = Kind.Catalog!;
        var columns = Leading.Select(catalog.Get).Concat(catalog.Stored.Where(c => !Leading.Contains(c.Name))).ToList();
        var names = LsstProperties.Names(columns);
        var properties = new List<FeedProperty<Measurement>>();
        for (var i = 0; i < columns.Count; i++)
        {
            properties.Add(LsstProperties.Stored<Measurement>(columns[i], names[i], Values, isKey: columns[i] == Kind.Key));
            if (columns[i] == Kind.ObjectId)
                properties.Add(LsstProperties.Date<Measurement>("date", Kind.Time!, Values, "Time of the measurement (r:midpointMjdTai) as a UTC date-time."));
        }
        return new FeedSet<Measurement>(SetName, "LsstForcedSource", properties, "diaForcedSourceId",
            "One entity per forced measurement at a Rubin diaObject's position (diaForcedSource), past and current visits.");
    }

    private static object?[] Values(Measurement row) => row.Values;
}
