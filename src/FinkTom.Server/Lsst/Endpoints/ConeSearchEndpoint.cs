using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Sky;
using FinkTom.Core.Store;
using FinkTom.Core.Time;
using FinkTom.Server.Api;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Hosting;

namespace FinkTom.Server.Lsst.Endpoints;

/// <summary>
/// <c>/conesearch</c>: objects around a position, one row per object (its latest alert), nearest first, with
/// <c>v:separation_degree</c> (contract §2.4). Dates follow fink-object-api 3.7's <c>kind</c>: <c>within</c> keeps objects
/// first seen at or after <c>startdate</c> whose latest alert is at or before <c>stopdate</c> (3.5's behaviour too);
/// <c>across</c> keeps objects that varied at some time inside the bounds.
/// </summary>
public static class ConeSearchEndpoint
{
    public const int DefaultRows = 1000;
    public const int MaxRows = 100_000;
    private const string FirstTime = "f:firstDiaSourceMjdTaiFink";

    public static readonly EndpointSpec Spec = new(LsstApi.BasePath + "/conesearch", "Get Rubin alerts data based on coordinates",
    [
        new("ra", "string", true, null, "Right ascension: degrees or sexagesimal (03h33m00.33s, 03:33:00.33, 03 33 00.33)."),
        new("dec", "string", true, null, "Declination: degrees or sexagesimal (-27d51m39.74s, -27:51:39.74)."),
        new("radius", "number", true, null, "Cone radius in arcseconds, at most 18,000 (5 degrees)."),
        new("n", "integer", false, DefaultRows.ToString(), $"Maximum number of objects returned (nearest first), at most {MaxRows:N0}."),
        new("startdate", "string", false, null, "Start of the time bounds (TAI): ISO date, JD or MJD."),
        new("stopdate", "string", false, null, "End of the time bounds (TAI): ISO date, JD or MJD."),
        new("window", "number", false, null, "Days after startdate, when stopdate is not given."),
        new("kind", "string", false, "within", "within: objects that varied only inside the bounds; across: objects that varied at some time inside them."),
        new("columns", "string", false, "*", "Comma-separated columns; r:ra, r:dec and r:midpointMjdTai are always added."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    private static readonly LsstColumn Separation = new("v:separation_degree", ColumnType.Double, _ => null);

    public static RouteHandlerBuilder MapLsstConeSearch(this IEndpointRouteBuilder api) =>
        api.MapMethods("/conesearch", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>>> Handle(HttpRequest request,
        [FromKeyedServices(SurveyStores.Lsst)] IAlertReader store, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var n = reader.Int("n", DefaultRows, 1, MaxRows);
        var cone = ConeParameters.Read(reader);
        var start = Mjd(reader, "startdate");
        var stop = Mjd(reader, "stopdate");
        var window = reader.Double("window", min: 0);
        if (window is not null && start is null)
            reader.Fail("window", "`window` needs a `startdate`.", 0);
        stop ??= start + window;
        var across = (reader.String("kind") ?? "within") switch
        {
            "within" => false,
            "across" => true,
            var other => reader.Fail("kind", $"`kind` must be within or across, got '{other}'.", false),
        };
        var columns = reader.Columns(LsstTable.Knows(LsstColumns.Cone, Separation.Name), LsstApi.BasePath + "/schema");
        if ((start ?? stop) is not null && columns is not null && !columns.Contains(FirstTime))
            reader.Fail("columns", "You need to specify f:firstDiaSourceMjdTaiFink in the columns to filter on dates.", 0);
        var format = ApiResults.OutputFormat(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);

        // One row per object: Solar System alerts have none (Fink's grouping drops their null id too).
        var latest = await store.ReadAsync(new AlertQuery
        {
            Cone = cone,
            LatestPerObject = true,
            Where = LsstQueries.HasObject,
            OrderBy = [SortKey.Separation],
        }, ct);
        var rows = latest.Where(a => InBounds(a, start, stop, across)).Take(n).ToList();
        var separations = rows.ToDictionary(a => a, a => SkyMath.SeparationDeg(cone!.Ra, cone.Dec, a.Ra, a.Dec));
        var requested = columns?.Concat(["r:ra", "r:dec", "r:midpointMjdTai", Separation.Name]).ToList();
        var separation = Separation with { Value = a => separations[a] };
        return new TableHttpResult(LsstTable.Build(LsstColumns.Cone, requested, rows, [separation]), format);
    }

    // On the object's latest alert, as Fink filters after grouping: its first detection and this latest time.
    private static bool InBounds(Alert latest, double? start, double? stop, bool across)
    {
        var first = latest.GetDouble(latest.Survey.QueryColumns.FirstDetection!) ?? latest.Time;
        var last = latest.Time;
        return across
            ? (start is null || last >= start) && (stop is null || first <= stop)
            : (start is null || first >= start) && (stop is null || last <= stop);
    }

    /// <summary>A date as an MJD read on the TAI scale with no shift (Fink's <c>Time(iso, scale="tai")</c>, contract §1.7).</summary>
    private static double? Mjd(ParameterReader reader, string name) => reader.Jd(name) - JulianDate.MjdOffset;
}
