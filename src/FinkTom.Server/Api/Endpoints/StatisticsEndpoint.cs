using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Core.Statistics;
using FinkTom.Core.Store;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Formats;

namespace FinkTom.Server.Api.Endpoints;

/// <summary>
/// <c>/api/v1/statistics</c> (contract §2.14): one row per observing night, Fink's <c>statistics_class</c> columns,
/// read from counters the embedded store keeps as it writes alerts (<see cref="NightCounters"/>); the Elasticsearch store
/// aggregates the nights asked for.
/// A class absent from a night is 0 there, as Fink fills its missing cells.
/// </summary>
public static class StatisticsEndpoint
{
    public static readonly EndpointSpec Spec = new("/api/v1/statistics", "Statistics about Fink and the ZTF alert stream",
    [
        new("date", "string", false, "", "Observing night(s): YYYYMMDD, YYYYMM, YYYY, or empty for every night."),
        new("schema", "boolean", false, "False", "If True, the column names of the table instead of its rows."),
        new("columns", "string", false, "*", "Comma-separated column names, e.g. basic:sci,class:Solar System MPC; key:key is always given."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    public static RouteHandlerBuilder MapStatistics(this IEndpointRouteBuilder api) =>
        api.MapMethods("/statistics", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>, JsonHttpResult<FinkError>>> Handle(
        HttpRequest request, IAlertReader store, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var prefix = NightPrefix.Parse(reader.String("date"), out var dateError);
        if (dateError is not null)
            reader.Fail("date", dateError, "");
        var schema = reader.Bool("schema");
        var wanted = reader.List("columns") is { Count: > 0 } list && list is not ["*"] ? list : null;
        foreach (var name in wanted ?? [])
            if (!IsStatisticsColumn(name))
                reader.Fail("columns", $"Unknown column `{name}` in `columns`: statistics columns are key:key, {string.Join(", ", NightCounters.BasicColumns)} and class:<class name>.", 0);
        var format = ApiResults.OutputFormat(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);

        IReadOnlyList<NightStatistics> nights;
        try
        {
            nights = await store.GetNightStatisticsAsync(prefix!, ct);
        }
        catch (NotSupportedException e)
        {
            return TypedResults.Json(new FinkError($"This store backend keeps no night statistics: {e.Message}"), statusCode: StatusCodes.Status501NotImplemented);
        }
        var columns = wanted is null ? AllColumns(nights) : [NightCounters.Key, .. wanted.Where(n => n != NightCounters.Key).Distinct()];
        if (schema)
            return new TableHttpResult(new ResultTable([new TableColumn("schema", ColumnType.String)], AllColumns(nights).Select(c => new object?[] { c })), format);
        var table = new ResultTable(
            columns.Select(c => new TableColumn(c, c == NightCounters.Key ? ColumnType.String : ColumnType.Long)).ToList(),
            nights.Select(night => columns.Select(c => c == NightCounters.Key
                ? NightCounters.KeyOf(night.Night)
                : (object?)night.Counts.GetValueOrDefault(c)).ToArray()));
        return new TableHttpResult(table, format);
    }

    private static bool IsStatisticsColumn(string name) =>
        name == NightCounters.Key || NightCounters.BasicColumns.Contains(name) || (name.StartsWith("class:", StringComparison.Ordinal) && name.Length > 6);

    /// <summary>key:key, the basic columns in Fink's order, then every class any of the nights counted, sorted.</summary>
    private static List<string> AllColumns(IReadOnlyList<NightStatistics> nights) =>
    [
        NightCounters.Key, .. NightCounters.BasicColumns,
        .. nights.SelectMany(n => n.Counts.Keys).Where(k => k.StartsWith("class:", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal),
    ];
}
