using FinkTom.Core.Api;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Proxy;
using FinkTom.Server.Tables;

namespace FinkTom.Server.Api.Endpoints;

/// <summary><c>/api/v1/latests</c>: the newest alerts of a class, newest first (contract §2.3).</summary>
public static class LatestsEndpoint
{
    public const int DefaultRows = 10;
    public const int MaxRows = 10_000;
    private const string BlazarLowState = "(CTA) Blazar low state";

    public static readonly EndpointSpec Spec = new("/api/v1/latests", "Get object data based their class",
    [
        new("class", "string", true, null, "A class from /api/v1/classes: a Fink class, (SIMBAD) <label> or a bare SIMBAD label, (TNS) <type>."),
        new("n", "integer", false, DefaultRows.ToString(), $"Number of alerts, at most {MaxRows:N0}."),
        new("startdate", "string", false, "2019-11-01 00:00:00", "Earliest alert date: ISO date, JD or MJD."),
        new("stopdate", "string", false, "now", "Latest alert date: ISO date, JD or MJD."),
        new("trend", "string", false, null, "rising (d:mag_rate < 0) or fading (d:mag_rate > 0); low_state, new_low_state for (CTA) Blazar low state."),
        new("color", "boolean", false, null, "Present (any value): add the v: colour and rate columns."),
        new("columns", "string", false, "*", "Comma-separated column names."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    public static RouteHandlerBuilder MapLatests(this IEndpointRouteBuilder api) =>
        api.MapMethods("/latests", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>, ProxyResult>> Handle(
        HttpRequest request, IAlertReader store, ClassCatalog classes, FinkProxy proxy, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var className = reader.RequiredString("class");
        var selection = classes.Resolve(className);
        if (selection is null)
            reader.Fail("class", $"Unknown class `{className}`; see /api/v1/classes for the class names.", 0);
        var n = reader.Int("n", DefaultRows, 1, MaxRows);
        var dates = DateWindow.Read(reader, windowUnitDays: 1);
        var trend = Trend(reader, className);
        var withColor = reader.Bag.Has("color"); // Fink: the key's presence, whatever its value
        var columns = reader.Columns(QueryTimeColumns.Names);
        var format = ApiResults.OutputFormat(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);
        if (await proxy.LatestsAsync(request.HttpContext, reader.Bag, format, ct) is { } proxied)
            return proxied;

        // Unlike Fink, which filters the trend after taking n rows, the trend is part of the query: n rows come back when they exist.
        var query = new AlertQuery
        {
            Classification = selection!.Classification,
            TnsType = selection.TnsType,
            Jd = dates,
            Where = trend,
            Columns = AnswerColumns.StoreColumnsFor(columns),
            OrderBy = [SortKey.JdDescending],
            Limit = n,
        };
        var rows = await store.ReadRowsAsync(query, ct);
        return new TableHttpResult(AnswerColumns.AlertTable(columns, rows, withColor), format);
    }

    private static Predicate? Trend(ParameterReader reader, string className)
    {
        var trend = reader.String("trend");
        if (trend is null)
            return null;
        if (trend is "low_state" or "new_low_state" && className != BlazarLowState)
            return reader.Fail<Predicate?>("trend", $"{trend} trend is only implemented for the `{BlazarLowState}` class.", null);
        return trend switch
        {
            "rising" => new ComparePredicate("d:mag_rate", CompareOp.Lt, 0.0),
            "fading" => new ComparePredicate("d:mag_rate", CompareOp.Gt, 0.0),
            "low_state" => null,
            "new_low_state" => new ComparePredicate("d:blazar_stats_m0", CompareOp.Ge, 1.0)
                             | new ComparePredicate("d:blazar_stats_instantness_low", CompareOp.Ge, 1.0),
            _ => reader.Fail<Predicate?>("trend", $"{trend} is not a valid trend. Trend must be among: rising, fading, low_state, new_low_state.", null),
        };
    }
}
