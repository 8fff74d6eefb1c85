using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Proxy;
using FinkTom.Server.Tables;

namespace FinkTom.Server.Api.Endpoints;

/// <summary><c>/api/v1/objects</c>: every alert of one or more objects, newest first (contract §2.1).</summary>
public static class ObjectsEndpoint
{
    /// <summary>Most object ids one request may name.</summary>
    public const int MaxObjectIds = 1000;

    public static readonly EndpointSpec Spec = new("/api/v1/objects", "Get object data based on ZTF ID",
    [
        new("objectId", "string", true, null, $"ZTF object ID, or a comma-separated list of up to {MaxObjectIds} IDs."),
        new("withupperlim", "boolean", false, "False", "Add upper limits and bad-quality detections from the history, with a d:tag column (valid, upperlim, badquality)."),
        new("withcutouts", "boolean", false, "False", "Add the cutouts as 2-D arrays (b:cutout*_stampData)."),
        new("cutout-kind", "string", false, "all three", "With withcutouts: Science, Template or Difference."),
        new("columns", "string", false, "*", "Comma-separated column names, e.g. i:jd,i:magpsf,i:fid."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    public static RouteHandlerBuilder MapObjects(this IEndpointRouteBuilder api) =>
        api.MapMethods("/objects", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>, ProxyResult>> Handle(HttpRequest request, IAlertReader store,
        FinkProxy proxy, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var ids = reader.List("objectId")!;
        if (ids.Count > MaxObjectIds)
            reader.Fail("objectId", $"`objectId`: at most {MaxObjectIds} object IDs per request, got {ids.Count}.", 0);
        var withUpperLimits = reader.Bool("withupperlim");
        var withCutouts = reader.Bool("withcutouts");
        var kinds = CutoutKinds.FromParameter(reader, "cutout-kind", defaultAll: true);
        var columns = reader.Columns(QueryTimeColumns.Names);
        var format = ApiResults.OutputFormat(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);
        if (await proxy.ObjectsAsync(request.HttpContext, reader.Bag, ids, withCutouts, format, ct) is { } proxied)
            return proxied;

        var query = new AlertQuery
        {
            ObjectIds = ids,
            Columns = AnswerColumns.StoreColumnsFor(columns),
            OrderBy = [SortKey.JdDescending],
            WithCutouts = withCutouts,
        };
        var rows = await store.ReadRowsAsync(query, ct);

        var output = columns is null ? AnswerColumns.Full(withColor: true) : AnswerColumns.Requested(columns);
        if (columns is null || columns.Any(c => c.StartsWith("v:", StringComparison.Ordinal)))
            QueryTimeColumns.ComputeColors(rows);
        if (withUpperLimits)
        {
            var history = await store.GetHistoryAsync(ids, ct);
            var alertRows = rows.ToList();
            rows = alertRows.Select(r => new AlertRow(r.Alert) { Tag = "valid", Color = r.Color })
                .Concat(HistoryRows.For(history, alertRows))
                .OrderByDescending(r => r.Alert.Jd)
                .ToList();
            output.Add(QueryTimeColumns.Tag);
        }
        if (withCutouts)
        {
            StampColumns.AddTo(output, rows, kinds);
        }
        return new TableHttpResult(AnswerColumns.ToTable(output, rows), format);
    }
}
