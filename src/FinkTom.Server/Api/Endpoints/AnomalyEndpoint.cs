using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Core.Time;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Proxy;
using FinkTom.Server.Tables;

namespace FinkTom.Server.Api.Endpoints;

/// <summary>
/// <c>/api/v1/anomaly</c> (contract §2.15): Fink keeps, for each night, the alerts its anomaly module scores as most
/// anomalous (lowest <c>d:anomaly_score</c>), and serves them newest first. FinkTom selects the same from the stored
/// scores: per ZTF night (<c>i:nid</c>), the <see cref="PerNight"/> lowest scores.
/// </summary>
public static class AnomalyEndpoint
{
    public const int DefaultRows = 10;
    public const int MaxRows = 10_000;

    /// <summary>Fink's anomaly table holds ten alerts a night.</summary>
    public const int PerNight = 10;

    // Resolved once: the scan reads them from every scored alert of the window.
    private static readonly ColumnDef Score = ColumnCatalog.Get("d:anomaly_score");
    private static readonly ColumnDef Night = ColumnCatalog.Get("i:nid");

    public static readonly EndpointSpec Spec = new("/api/v1/anomaly", "Get alerts with the highest anomaly score",
    [
        new("n", "integer", false, DefaultRows.ToString(), $"Number of alerts, newest first, at most {MaxRows:N0}."),
        new("start_date", "string", false, "2019-11-01", "Earliest night: ISO date, JD or MJD."),
        new("stop_date", "string", false, "now", "Latest night, included (one day is added): ISO date, JD or MJD."),
        new("columns", "string", false, "*", "Comma-separated column names."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    public static RouteHandlerBuilder MapAnomaly(this IEndpointRouteBuilder api) =>
        api.MapMethods("/anomaly", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>, ProxyResult>> Handle(
        HttpRequest request, IAlertReader store, FinkProxy proxy, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var n = reader.Int("n", DefaultRows, 1, MaxRows);
        var start = reader.Jd("start_date") ?? JulianDate.FinkStartJd;
        var stop = (reader.Jd("stop_date") ?? JulianDate.Now()) + 1; // Fink adds a day: start = stop asks for one night
        if (stop < start)
            reader.Fail("stop_date", "`stop_date` is before `start_date`.", 0);
        var columns = reader.Columns(QueryTimeColumns.Names);
        var format = ApiResults.OutputFormat(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);
        if (await proxy.AnomalyAsync(request.HttpContext, reader.Bag, format, ct) is { } proxied)
            return proxied;

        var candids = await MostAnomalousAsync(store, new JdRange(start, stop), n, ct);
        var rows = candids.Count == 0 ? [] : await store.ReadRowsAsync(new AlertQuery
        {
            Where = new InPredicate("i:candid", candids.Cast<object?>().ToList()),
            Columns = AnswerColumns.StoreColumnsFor(columns),
            OrderBy = [SortKey.JdDescending],
        }, ct);
        return new TableHttpResult(AnswerColumns.AlertTable(columns, rows), format);
    }

    /// <summary>
    /// Walks the scored alerts newest first, one night at a time, keeping each night's lowest scores; stops as soon as
    /// the nights seen hold <paramref name="n"/> picks, so a recent answer never scans the whole store.
    /// </summary>
    private static async Task<List<long>> MostAnomalousAsync(IAlertReader store, JdRange window, int n, CancellationToken ct)
    {
        var picked = new List<(double Jd, long Candid)>();
        var night = new PriorityQueue<(double Jd, long Candid), double>(); // highest score on top, dropped first
        long? current = null;
        var query = new AlertQuery
        {
            Jd = window,
            Where = new ComparePredicate(Score.Name, CompareOp.Ne, null),
            Columns = [Score.Name, Night.Name],
            OrderBy = [SortKey.JdDescending],
        };
        await foreach (var alert in store.QueryAsync(query, ct))
        {
            var key = NightOf(alert);
            if (key != current)
            {
                Keep(night, picked);
                if (picked.Count >= n)
                    break;
                current = key;
            }
            night.Enqueue((alert.Jd, alert.Candid), -alert.GetDouble(Score)!.Value);
            if (night.Count > PerNight)
                night.Dequeue();
        }
        Keep(night, picked);
        return picked.OrderByDescending(p => p.Jd).ThenByDescending(p => p.Candid).Take(n).Select(p => p.Candid).ToList();
    }

    private static void Keep(PriorityQueue<(double Jd, long Candid), double> night, List<(double, long)> picked)
    {
        while (night.TryDequeue(out var alert, out _))
            picked.Add(alert);
    }

    // ZTF numbers its nights (nid); an alert without one falls back to its UTC date.
    private static long NightOf(Alert alert) =>
        alert.Values[Night.Ordinal] is { } nid ? Convert.ToInt64(nid) : -(long)Math.Floor(alert.Jd + 0.5);
}
