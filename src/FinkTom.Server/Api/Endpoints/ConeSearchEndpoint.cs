using FinkTom.Core.Api;
using FinkTom.Core.Query;
using FinkTom.Core.Sky;
using FinkTom.Core.Store;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Proxy;
using FinkTom.Server.Tables;

namespace FinkTom.Server.Api.Endpoints;

/// <summary>
/// <c>/api/v1/conesearch</c>: objects inside a cone, one row per object (its latest alert), nearest first
/// (contract §2.2). Dates filter on the object's first detection (<c>i:jdstarthist</c>), as Fink's index does.
/// </summary>
public static class ConeSearchEndpoint
{
    public const int DefaultRows = 1000;
    public const int MaxRows = 100_000;

    public static readonly EndpointSpec Spec = new("/api/v1/conesearch", "Get object data based on coordinates",
    [
        new("ra", "string", true, null, "Right ascension: degrees (193.821739) or sexagesimal (12h55m17.218s, 12:55:17.218, 193d49m18.267s)."),
        new("dec", "string", true, null, "Declination: degrees (2.897311) or sexagesimal (+02:53:50.3, 2d53m50.3s)."),
        new("radius", "number", true, null, "Cone radius in arcseconds, at most 18,000 (5 degrees)."),
        new("n", "integer", false, DefaultRows.ToString(), $"Maximum number of objects returned (nearest first), at most {MaxRows:N0}."),
        new("startdate", "string", false, null, "Earliest first detection of the object: ISO date, JD or MJD."),
        new("stopdate", "string", false, "now", "Latest first detection of the object: ISO date, JD or MJD."),
        new("window", "number", false, null, "Days after startdate, used when stopdate is not given."),
        new("columns", "string", false, "index columns", "Comma-separated columns; i:ra and i:dec are always added."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    public static RouteHandlerBuilder MapConeSearch(this IEndpointRouteBuilder api) =>
        api.MapMethods("/conesearch", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>, ProxyResult>> Handle(HttpRequest request, IAlertReader store,
        FinkProxy proxy, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var cone = ConeParameters.Read(reader);
        var n = reader.Int("n", DefaultRows, 1, MaxRows);
        var dates = DateWindow.Read(reader, windowUnitDays: 1);
        var columns = reader.Columns(QueryTimeColumns.Names);
        var format = ApiResults.OutputFormat(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);
        if (await proxy.ConeSearchAsync(request.HttpContext, reader.Bag, cone!, format, ct) is { } proxied)
            return proxied;

        var rows = await Search(store, cone!, dates, columns, n, ct);
        var names = columns is null
            ? AnswerColumns.ConeIndex.Append(QueryTimeColumns.Separation.Name)
            : columns.Concat(["i:ra", "i:dec", QueryTimeColumns.Separation.Name]);
        return new TableHttpResult(AnswerColumns.ToTable(AnswerColumns.Requested(names), rows), format);
    }

    /// <summary>The latest alert of each object in the cone, nearest first; shared with /explorer.</summary>
    internal static async Task<List<AlertRow>> Search(IAlertReader store, Cone cone, JdRange? firstDetection, IReadOnlyList<string>? columns, int n, CancellationToken ct)
    {
        var query = new AlertQuery
        {
            Cone = cone,
            FirstDetection = firstDetection,
            LatestPerObject = true,
            Columns = AnswerColumns.StoreColumnsFor((columns ?? AnswerColumns.ConeIndex).Concat(["i:ra", "i:dec"])),
            OrderBy = [SortKey.Separation],
            Limit = n,
        };
        var rows = new List<AlertRow>();
        await foreach (var alert in store.QueryAsync(query, ct))
            rows.Add(new AlertRow(alert) { SeparationDeg = SkyMath.SeparationDeg(cone.Ra, cone.Dec, alert.Ra, alert.Dec) });
        return rows;
    }
}
