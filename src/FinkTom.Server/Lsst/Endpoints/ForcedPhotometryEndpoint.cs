using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Server.Api;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Formats;
using FinkTom.Server.Hosting;

namespace FinkTom.Server.Lsst.Endpoints;

/// <summary><c>/fp</c>: forced photometry of objects (Rubin's <c>prvDiaForcedSources</c>, each kept once), newest first
/// (contract §2.3).</summary>
public static class ForcedPhotometryEndpoint
{
    private static readonly HistoryKind Forced = Survey.Lsst.History.Single(k => k.Stored);

    public static readonly EndpointSpec Spec = new(LsstApi.BasePath + "/fp", "Get forced photometry data based on Rubin diaObjectId",
    [
        new("diaObjectId", "string", true, null, $"Rubin diaObjectId (64-bit, send it as a string), or a comma-separated list of up to {LsstIds.MaxIds}."),
        new("columns", "string", false, "*", "Comma-separated columns, e.g. r:midpointMjdTai,r:psfFlux,r:band,r:diaObjectId."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    private static readonly string[] Names = [.. Forced.Catalog!.Stored.Select(c => c.Name).Append("r:salt").Order(StringComparer.Ordinal)];

    public static RouteHandlerBuilder MapLsstForcedPhotometry(this IEndpointRouteBuilder api) =>
        api.MapMethods("/fp", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>>> Handle(HttpRequest request,
        [FromKeyedServices(SurveyStores.Lsst)] IAlertReader store, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var ids = LsstIds.List(reader, "diaObjectId");
        var requested = reader.Columns(Names.Contains, LsstApi.BasePath + "/schema");
        var format = ApiResults.OutputFormat(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);

        var points = (await store.GetMeasurementsAsync(Forced, ids, ct)).OrderByDescending(m => m.Time).ToList();
        var names = requested is null ? Names
            : requested.Distinct().Where(n => points.Any(p => Cell(p, n) is not null)).ToArray(); // Fink drops all-null columns
        if (names.Length == 0)
            names = requested!.Distinct().ToArray(); // but a table keeps at least the columns asked for
        var columns = names.Select(n => new TableColumn(n, n == "r:salt" ? ColumnType.String : Forced.Catalog!.Get(n).Type)).ToList();
        return new TableHttpResult(new ResultTable(columns, points.Select(p => names.Select(n => Cell(p, n)).ToArray())), format);
    }

    private static object? Cell(Measurement point, string name) => name == "r:salt"
        ? point.Values[Forced.ObjectId!.Ordinal] is long id ? LsstColumns.SaltOf(id) : null
        : point.Values[Forced.Catalog!.Get(name).Ordinal];
}
