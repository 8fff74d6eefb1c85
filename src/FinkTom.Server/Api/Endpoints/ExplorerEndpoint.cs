using FinkTom.Core.Api;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Tables;

namespace FinkTom.Server.Api.Endpoints;

/// <summary>
/// The pre-2025 <c>/api/v1/explorer</c>, still called by older TOM modules (contract §2.17): group 0 = object id
/// (latest alert per object), group 1 = cone (as /conesearch), no group = date search (<c>startdate</c> + <c>window</c>
/// in minutes, at most 180, latest alert per object).
/// </summary>
public static class ExplorerEndpoint
{
    public const double MaxWindowMinutes = 180;

    public static readonly EndpointSpec Spec = new("/api/v1/explorer", "Query the Fink database (object id, cone or date search)",
    [
        new("objectId", "string", false, null, "Group 0: ZTF object ID(s), comma-separated."),
        new("ra", "string", false, null, "Group 1: right ascension (degrees or sexagesimal)."),
        new("dec", "string", false, null, "Group 1: declination (degrees or sexagesimal)."),
        new("radius", "number", false, null, "Group 1: radius in arcseconds, at most 18,000."),
        new("startdate", "string", false, null, "Date search: start (ISO date, JD or MJD); with cones, earliest first detection."),
        new("stopdate", "string", false, null, "End date (cone search)."),
        new("window", "number", false, null, $"Date search: minutes after startdate, at most {MaxWindowMinutes}."),
        new("n", "integer", false, "1000", "Maximum number of rows."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    public static RouteHandlerBuilder MapExplorer(this IEndpointRouteBuilder api) =>
        api.MapMethods("/explorer", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>>> Handle(HttpRequest request, IAlertReader store, CancellationToken ct)
    {
        var (bag, error) = await ParameterBag.ReadAsync(request, Spec, ct);
        if (error is not null)
            return ApiResults.Bad(error);
        if (bag!.IsEmpty)
            return ApiResults.Bad(new FinkError("Give `objectId`, or `ra`, `dec` and `radius`, or `startdate` and `window`.", "objectId") { Args = Spec.Help });
        var reader = new ParameterReader(bag);
        var byId = bag.Has("objectId");
        var byCone = bag.Has("ra") || bag.Has("dec") || bag.Has("radius");
        if (byId && byCone)
            // Name the parameter that does not belong with objectId, so a client can point at it.
            return ApiResults.Bad(new FinkError("You need to set parameters from the same group: `objectId`, or `ra`/`dec`/`radius`.",
                new[] { "ra", "dec", "radius" }.First(bag.Has)));
        var n = reader.Int("n", ConeSearchEndpoint.DefaultRows, 1, ConeSearchEndpoint.MaxRows);
        var format = ApiResults.OutputFormat(reader);

        List<AlertRow> rows;
        if (byCone)
        {
            var cone = ConeParameters.Read(reader);
            var dates = DateWindow.Read(reader, windowUnitDays: 1);
            if (reader.Error is { } invalid)
                return ApiResults.Bad(invalid);
            rows = await ConeSearchEndpoint.Search(store, cone!, dates, null, n, ct);
            var names = AnswerColumns.ConeIndex.Append(QueryTimeColumns.Separation.Name);
            return new TableHttpResult(AnswerColumns.ToTable(AnswerColumns.Requested(names), rows), format);
        }

        var query = new AlertQuery { LatestPerObject = true, OrderBy = [SortKey.JdDescending], Limit = n };
        if (byId)
        {
            query = query with { ObjectIds = reader.List("objectId") };
        }
        else
        {
            var start = reader.Jd("startdate");
            var window = reader.Double("window", min: 0, max: MaxWindowMinutes);
            if (start is null)
                reader.Fail("startdate", "A date search needs `startdate` (and `window` in minutes).", 0);
            query = query with { Jd = new JdRange(start, start + (window ?? MaxWindowMinutes) / 1440) };
        }
        if (reader.Error is { } bad)
            return ApiResults.Bad(bad);
        rows = await store.ReadRowsAsync(query, ct);
        return new TableHttpResult(AnswerColumns.ToTable(AnswerColumns.Full(withColor: false), rows), format);
    }
}
