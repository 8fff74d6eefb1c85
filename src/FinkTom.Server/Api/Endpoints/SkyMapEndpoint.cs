using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.SkyMaps;
using FinkTom.Server.Tables;

namespace FinkTom.Server.Api.Endpoints;

/// <summary>
/// <c>/api/v1/skymap</c> (contract §2.13): objects first detected around a gravitational-wave event and inside its
/// credible region, for kilonova searches. The client sends the BAYESTAR map itself; FinkTom does not download from
/// GraceDB (no network is assumed), so <c>event_name</c> alone is refused with the way to send the map.
/// </summary>
public static class SkyMapEndpoint
{
    public const double MaxDays = 30;

    /// <summary>A gzipped nside-512 map written as Python bytes is about 3.5 MB of text.</summary>
    public const int MaxBodyBytes = 24 * 1024 * 1024;

    public static readonly EndpointSpec Spec = new("/api/v1/skymap", "Explore the alerts inside a gravitational-wave credible region",
    [
        new("bayestar", "string", false, null, "The sky map file (bayestar.fits.gz) as Python writes bytes: str(open(path, 'rb').read())."),
        new("event_name", "string", false, null, "GraceDB event name; FinkTom cannot download it: send the map as bayestar."),
        new("credible_level", "number", true, null, "Credible level of the region, between 0 and 1 (e.g. 0.9)."),
        new("n_day_before", "number", false, "1", $"Days before the event from which first detections count, at most {MaxDays}."),
        new("n_day_after", "number", false, "6", $"Days after that start to which first detections count, at most {MaxDays}."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ])
    { MaxBodyBytes = MaxBodyBytes };

    public static RouteHandlerBuilder MapSkyMap(this IEndpointRouteBuilder api) =>
        api.MapMethods("/skymap", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>>> Handle(HttpRequest request, IAlertReader store, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var level = reader.Double("credible_level", min: 0, max: 1);
        var before = reader.Double("n_day_before", min: 0, max: MaxDays) ?? 1;
        var after = reader.Double("n_day_after", min: 0, max: MaxDays) ?? 6;
        var format = ApiResults.OutputFormat(reader);
        var map = ReadMap(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);

        var inside = map!.CredibleRegion(level!.Value);
        var start = map.EventJd - before;
        var candids = await InsideAsync(store, inside, new JdRange(start, start + after), after, ct);
        var rows = candids.Count == 0 ? [] : await store.ReadRowsAsync(new AlertQuery
        {
            Where = new InPredicate("i:candid", candids.Cast<object?>().ToList()),
            Columns = AnswerColumns.ConeIndex,
            OrderBy = [SortKey.JdDescending],
        }, ct);
        var columns = AnswerColumns.Requested(AnswerColumns.ConeIndex);
        columns.Add(new OutputColumn("v:jdstartgw", ColumnType.Double, _ => map.EventJd)); // the event's time, on every row
        return new TableHttpResult(AnswerColumns.ToTable(columns, rows), format);
    }

    /// <summary>The map of <c>bayestar</c> (shared with the LSST API); a failure is kept in the reader.</summary>
    internal static GravitationalWaveMap? ReadMap(ParameterReader reader)
    {
        if (reader.String("bayestar") is not { } text)
        {
            var missing = reader.String("event_name") is { } name
                ? $"FinkTom does not download sky maps from GraceDB: fetch {name}'s bayestar.fits.gz and send it as `bayestar` (str(bytes), as for Fink)."
                : "Send the sky map as `bayestar`: str(open('bayestar.fits.gz', 'rb').read()).";
            return reader.Fail<GravitationalWaveMap?>(reader.String("event_name") is null ? "bayestar" : "event_name", missing, null);
        }
        if (!PythonBytesLiteral.TryParse(text, out var bytes, out var problem))
            return reader.Fail<GravitationalWaveMap?>("bayestar", $"`bayestar` {problem}.", null);
        try
        {
            return GravitationalWaveMap.Read(bytes);
        }
        catch (FormatException e)
        {
            return reader.Fail<GravitationalWaveMap?>("bayestar", $"`bayestar` is not a usable sky map: {e.Message}", null);
        }
    }

    /// <summary>
    /// Fink's selection: alerts whose object was first detected in the window, inside the region; one per object, its
    /// latest; kept when that alert came at most <paramref name="after"/> days after the first detection. A kept
    /// object's alerts all lie between the window's start and its end plus <paramref name="after"/>, so the scan is
    /// bounded on the (indexed) alert time; objects with a later alert, which Fink would drop, are found afterwards.
    /// </summary>
    private static async Task<List<long>> InsideAsync(IAlertReader store, Func<double, double, bool> inside, JdRange window, double after,
        CancellationToken ct)
    {
        var horizon = window.Stop!.Value + after;
        var latest = new Dictionary<string, (long Candid, bool Keep)>(StringComparer.Ordinal);
        var query = new AlertQuery
        {
            Jd = new JdRange(window.Start, horizon),
            FirstDetection = window,
            Columns = ["i:ra", "i:dec", "i:jdstarthist"],
            OrderBy = [SortKey.JdDescending],
        };
        await foreach (var alert in store.QueryAsync(query, ct))
        {
            if (latest.ContainsKey(alert.ObjectId) || !inside(alert.Ra, alert.Dec))
                continue;
            var first = alert.GetDouble(ColumnCatalog.JdStartHist) ?? alert.Jd;
            latest[alert.ObjectId] = (alert.Candid, alert.Jd - first <= after);
        }
        var kept = latest.Where(o => o.Value.Keep).Select(o => o.Key).ToList();
        if (kept.Count > 0)
        {
            var later = new AlertQuery { ObjectIds = kept, FirstDetection = window, Jd = new JdRange(Math.BitIncrement(horizon), null), Columns = [] };
            await foreach (var alert in store.QueryAsync(later, ct))
                latest.Remove(alert.ObjectId);
        }
        return latest.Values.Where(v => v.Keep).Select(v => v.Candid).ToList();
    }
}
