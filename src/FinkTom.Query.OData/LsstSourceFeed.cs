using System.Text.RegularExpressions;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst;

namespace FinkTom.Query.OData;

/// <summary>
/// The <c>LsstSources</c> entity set: one entity per Rubin alert (one diaSource), keyed by <c>diaSourceId</c>, with the
/// columns of Fink's <c>/lsst/api/v1/sources</c> (less <c>r:salt</c>, Fink's row-key salt), <c>date</c> (the time as a UTC
/// date-time), Fink's object-level values that its tags read (<c>nDiaSources</c>, <c>is_sso</c>, <c>is_first</c>,
/// <c>is_cataloged</c>, the main labels, <c>firstDiaSourceMjdTaiFink</c>), one flag per Fink tag, and <c>separation</c>
/// in Cone results. Solar System alerts are here too, with no <c>diaObjectId</c>. Livestream filters on Rubin alerts
/// speak these names.
/// </summary>
public static class LsstSourceFeed
{
    public const string SetName = "LsstSources";

    private static readonly string[] Leading =
        ["r:diaSourceId", "r:diaObjectId", "r:midpointMjdTai", "r:band", "r:psfFlux", "r:psfFluxErr", "r:ra", "r:dec", "r:snr", "r:reliability", "r:ssObjectId"];

    /// <summary>The columns of Fink's <c>/sources</c> table that are stored (all 131 but <c>r:salt</c>).</summary>
    public static IReadOnlyList<ColumnDef> FinkColumns { get; } =
        new[] { "r:observation_reason", "r:target_name" }
            .Concat(RubinRecords.Fields(RubinRecords.DiaSource).Select(f => "r:" + f.Name))
            .Concat(FinkLsstFields.SourceColumns)
            .Select(LsstProperties.Catalog.Get).ToList();

    /// <summary>Per-object values each alert carries, which Fink's tags select on.</summary>
    private static readonly string[] ObjectLevel = ["r:nDiaSources", .. FinkLsstFields.ObjectFields.Select(x => "f:" + x.Field)];

    public static FeedSet<AlertRow> Set { get; } = Build();

    private static FeedSet<AlertRow> Build()
    {
        var survey = Survey.Lsst;
        var columns = Leading.Select(survey.Catalog.Get)
            .Concat(FinkColumns.Where(c => !Leading.Contains(c.Name)))
            .Concat(ObjectLevel.Select(survey.Catalog.Get))
            .Concat(LsstTags.All.Select(t => survey.Catalog.Get(t.Column))).ToList();
        var names = LsstProperties.Names(columns);
        var properties = new List<FeedProperty<AlertRow>>();
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var tag = LsstTags.All.FirstOrDefault(t => t.Column == column.Name);
            properties.Add(LsstProperties.Stored<AlertRow>(column, names[i], Values, isKey: column == survey.AlertId,
                description: tag is null ? null : $"Whether the alert passed Fink's tag {tag.Name}: {Regex.Replace(tag.Description.Trim(), @"\s+", " ")}"));
            if (column == survey.ObjectId)
                properties.Add(LsstProperties.Date<AlertRow>("date", survey.Time, Values, "Time of the diaSource (r:midpointMjdTai) as a UTC date-time."));
        }
        properties.Add(LsstProperties.Separation());
        return new FeedSet<AlertRow>(SetName, "LsstSource", properties, "diaSourceId",
            "One entity per Rubin alert (diaSource): Rubin's diaSource fields, Fink's cross-matches, classifiers and tags.");
    }

    private static object?[] Values(AlertRow row) => row.Alert.Values;
}
