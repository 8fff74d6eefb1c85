using System.Globalization;
using FinkTom.Core.Api;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Server.Api;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Hosting;

namespace FinkTom.Server.Lsst.Endpoints;

/// <summary><c>/sources</c>: every diaSource (alert) of static objects, newest first (contract §2.1).</summary>
public static class SourcesEndpoint
{
    public static readonly EndpointSpec Spec = new(LsstApi.BasePath + "/sources", "Get diaSource data based on Rubin diaObjectId",
    [
        new("diaObjectId", "string", true, null, $"Rubin diaObjectId (64-bit, send it as a string), or a comma-separated list of up to {LsstIds.MaxIds}."),
        new("midpointMjdTai", "number", false, null, "With a single diaObjectId: only the diaSource(s) at this time (its text is matched as a prefix, as Fink's row keys are)."),
        new("columns", "string", false, "*", "Comma-separated columns, e.g. r:midpointMjdTai,r:psfFlux,r:band."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    public static RouteHandlerBuilder MapLsstSources(this IEndpointRouteBuilder api) =>
        api.MapMethods("/sources", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>>> Handle(HttpRequest request,
        [FromKeyedServices(SurveyStores.Lsst)] IAlertReader store, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var ids = LsstIds.List(reader, "diaObjectId");
        var time = reader.String("midpointMjdTai");
        if (time is not null && !double.TryParse(time, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            reader.Fail("midpointMjdTai", $"`midpointMjdTai` must be a number (an MJD), got '{time}'.", 0);
        var columns = reader.Columns(LsstTable.Knows(LsstColumns.Sources), Spec.Path.Replace("/sources", "/schema"));
        var format = ApiResults.OutputFormat(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);

        var alerts = await store.ReadAsync(new AlertQuery { ObjectIds = ids, OrderBy = [Core.Query.SortKey.NewestFirst(Survey.Lsst)] }, ct);
        if (time is not null && ids.Count == 1)
            alerts = alerts.Where(a => a.Time.ToString("R", CultureInfo.InvariantCulture).StartsWith(time, StringComparison.Ordinal)).ToList();
        return new TableHttpResult(LsstTable.Build(LsstColumns.Sources, columns, alerts), format);
    }
}
