using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst;

namespace FinkTom.Query.OData;

/// <summary>
/// The <c>LsstObjects</c> entity set: one entity per diaObject, read from the object's latest alert stored here, as Fink's
/// <c>/lsst/api/v1/objects</c> does: the diaObject record (with the object's own <c>ra</c>/<c>dec</c>) and Fink's object
/// columns, plus <c>lastdate</c>, <c>firstdate</c> and the latest alert's id and time. Navigation properties
/// <c>Sources</c> (its alerts) and <c>ForcedPhotometry</c>.
/// </summary>
public static class LsstObjectFeed
{
    public const string SetName = "LsstObjects";
    public const string SourcesNavigation = "Sources";
    public const string ForcedPhotometryNavigation = "ForcedPhotometry";

    /// <summary>The columns of Fink's <c>/objects</c> table that are stored (all 91 but <c>r:salt</c>), by the name Fink
    /// gives them: the object's position is kept under <c>o:</c> and served as <c>r:ra</c>, <c>r:dec</c>....</summary>
    public static IReadOnlyList<(ColumnDef Column, string FinkName)> FinkColumns { get; } =
        new[] { "r:observation_reason", "r:target_name" }
            .Concat(RubinRecords.Fields(RubinRecords.DiaObject).Select(f => "r:" + f.Name))
            .Concat(FinkLsstFields.ObjectFields.Select(f => "f:" + f.Field))
            .Select(name => (LsstProperties.Catalog.TryGet("o:" + name[2..], out var own) ? own : LsstProperties.Catalog.Get(name), name))
            .ToList();

    private static readonly string[] Leading = ["r:diaObjectId", "r:nDiaSources", "r:ra", "r:dec"];

    public static FeedSet<AlertRow> Set { get; } = Build();

    private static FeedSet<AlertRow> Build()
    {
        var survey = Survey.Lsst;
        var ordered = FinkColumns.Where(c => Leading.Contains(c.FinkName)).OrderBy(c => Array.IndexOf(Leading, c.FinkName))
            .Concat(FinkColumns.Where(c => !Leading.Contains(c.FinkName))).ToList();
        var names = LsstProperties.Names(ordered.Select(c => c.Column).ToList());
        var properties = new List<FeedProperty<AlertRow>>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (column, fink) = ordered[i];
            properties.Add(LsstProperties.Stored<AlertRow>(column, names[i], Values, isKey: column == survey.ObjectId, finkName: fink,
                description: column.Family == "o" ? $"The object's own {column.Field} from its diaObject record (Fink's {fink} in /objects), not its latest diaSource's." : null));
            if (column == survey.ObjectId)
            {
                properties.Add(LsstProperties.Date<AlertRow>("lastdate", survey.Time, Values, "Time of the object's latest alert stored here, as a UTC date-time."));
                properties.Add(LsstProperties.Date<AlertRow>("firstdate", survey.QueryColumns.FirstDetection!, Values,
                    "First detection as Fink computes it (f:firstDiaSourceMjdTaiFink), as a UTC date-time."));
                properties.Add(LsstProperties.Stored<AlertRow>(survey.AlertId, "lastDiaSourceId", Values,
                    description: "diaSourceId of the object's latest alert stored here (see Sources)."));
                properties.Add(LsstProperties.Stored<AlertRow>(survey.Time, "lastMidpointMjdTai", Values,
                    description: "Time of the object's latest alert stored here (its r:midpointMjdTai), MJD (TAI)."));
            }
        }
        properties.Add(LsstProperties.Separation());
        return new FeedSet<AlertRow>(SetName, "LsstObject", properties, "diaObjectId",
            "One entity per Rubin diaObject: its latest diaObject record and Fink's object columns.");
    }

    private static object?[] Values(AlertRow row) => row.Alert.Values;
}
