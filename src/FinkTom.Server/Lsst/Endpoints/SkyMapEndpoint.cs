using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Core.Time;
using FinkTom.Server.Api;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Hosting;
using FinkTom.Server.SkyMaps;

namespace FinkTom.Server.Lsst.Endpoints;

/// <summary>
/// <c>/skymap</c> (contract §2.9): the Rubin objects whose latest alert lies inside a gravitational-wave credible region
/// (Fink's cone table holds each object's latest alert), with <c>v:startgwMjdTai</c>, the event time as a TAI MJD. As in
/// fink-object-api 3.5, <c>n_day_before</c>/<c>n_day_after</c> are accepted and not applied; rows come newest first (Fink's
/// come in scan order).
/// The map is sent by the client (<c>bayestar</c>, Python bytes text): FinkTom does not download from GraceDB.
/// </summary>
public static class SkyMapEndpoint
{
    public static readonly EndpointSpec Spec = new(LsstApi.BasePath + "/skymap", "Return Fink/LSST alerts within a GW skymap",
    [
        new("bayestar", "string", false, null, "The sky map file (bayestar.fits.gz) as Python writes bytes: str(open(path, 'rb').read())."),
        new("event_name", "string", false, null, "GraceDB event name; FinkTom cannot download it: send the map as bayestar."),
        new("credible_level", "number", true, null, "Credible level of the region, between 0 and 1 (e.g. 0.9)."),
        new("n_day_before", "number", false, "1", "Accepted and not applied, as by Fink's LSST API."),
        new("n_day_after", "number", false, "6", "Accepted and not applied, as by Fink's LSST API."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ])
    { MaxBodyBytes = Api.Endpoints.SkyMapEndpoint.MaxBodyBytes };

    public static RouteHandlerBuilder MapLsstSkyMap(this IEndpointRouteBuilder api) =>
        api.MapMethods("/skymap", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>>> Handle(HttpRequest request,
        [FromKeyedServices(SurveyStores.Lsst)] IAlertReader store, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var level = reader.Double("credible_level", min: 0, max: 1);
        reader.Double("n_day_before", min: 0);
        reader.Double("n_day_after", min: 0);
        var format = ApiResults.OutputFormat(reader);
        var map = Api.Endpoints.SkyMapEndpoint.ReadMap(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);

        // Positions first (a narrow scan of each object's latest alert), then the full rows of those inside.
        var inside = map!.CredibleRegion(level!.Value);
        var ids = new List<object?>();
        await foreach (var alert in store.QueryAsync(new AlertQuery { LatestPerObject = true, Where = LsstQueries.HasObject, Columns = ["r:ra", "r:dec"] }, ct))
            if (inside(alert.Ra, alert.Dec))
                ids.Add(alert.Id);
        var rows = ids.Count == 0 ? [] : await store.ReadAsync(new AlertQuery
        {
            Where = new InPredicate("r:diaSourceId", ids),
            OrderBy = [SortKey.NewestFirst(Core.Surveys.Survey.Lsst)],
        }, ct);
        var eventTime = map.EventJd - JulianDate.MjdOffset + JulianDate.TaiMinusUtcDays;
        var start = new LsstColumn("v:startgwMjdTai", ColumnType.Double, _ => eventTime);
        return new TableHttpResult(LsstTable.Build(LsstColumns.Cone, null, rows, [start]), format);
    }
}
