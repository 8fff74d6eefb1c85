using FinkTom.Core.Api;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Server.Api;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Hosting;

namespace FinkTom.Server.Lsst.Endpoints;

/// <summary><c>/objects</c>: one diaObject summary per object, from its latest alert (contract §2.2). Not ZTF's
/// <c>/objects</c>, which is a light curve: for Rubin that is <c>/sources</c>.</summary>
public static class ObjectsEndpoint
{
    public static readonly EndpointSpec Spec = new(LsstApi.BasePath + "/objects", "Get diaObject & aggregated data based on Rubin diaObjectId",
    [
        new("diaObjectId", "string", true, null, $"Rubin diaObjectId (64-bit, send it as a string), or a comma-separated list of up to {LsstIds.MaxIds}."),
        new("columns", "string", false, "*", "Comma-separated columns, e.g. r:firstDiaSourceMjdTai,r:nDiaSources,r:g_psfFluxMax."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    public static RouteHandlerBuilder MapLsstObjects(this IEndpointRouteBuilder api) =>
        api.MapMethods("/objects", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>>> Handle(HttpRequest request,
        [FromKeyedServices(SurveyStores.Lsst)] IAlertReader store, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var ids = LsstIds.List(reader, "diaObjectId");
        var columns = reader.Columns(LsstTable.Knows(LsstColumns.Objects), LsstApi.BasePath + "/schema");
        var format = ApiResults.OutputFormat(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);

        // Fink's diaObject table keeps the record of the object's last alert.
        var alerts = await store.ReadAsync(new AlertQuery { ObjectIds = ids, LatestPerObject = true }, ct);
        return new TableHttpResult(LsstTable.Build(LsstColumns.Objects, columns, alerts), format);
    }
}
