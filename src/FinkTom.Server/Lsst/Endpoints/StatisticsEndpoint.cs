using System.Globalization;
using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Core.Time;
using FinkTom.Server.Api;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Formats;
using FinkTom.Server.Hosting;

namespace FinkTom.Server.Lsst.Endpoints;

/// <summary>
/// <c>/statistics</c>: counters per observing night of the stored Rubin alerts (contract §2.10), one row per night
/// (<c>f:night</c>, YYYYMMDD of <c>midpointMjdTai</c> read as a date, as Fink's archive partitions it), oldest first.
/// Counts are numbers (Fink sends HBase's text).
/// </summary>
public static class StatisticsEndpoint
{
    public sealed record Counter(string Name, ColumnType Type, string Description);

    public static readonly IReadOnlyList<Counter> Columns =
    [
        new("f:night", ColumnType.String, "Observing night, YYYYMMDD"),
        new("f:alerts", ColumnType.Long, "Number of alerts"),
        .. "ugrizy".Select(b => new Counter($"f:alerts_{b}", ColumnType.Long, $"Number of alerts in band {b}")),
        new("f:objects", ColumnType.Long, "Number of distinct diaObjects"),
        new("f:is_sso", ColumnType.Long, "Alerts of known Solar System objects"),
        new("f:is_first", ColumnType.Long, "Alerts of objects seen for the first time"),
        new("f:in_tns", ColumnType.Long, "Alerts with a TNS counterpart"),
        new("f:is_cataloged", ColumnType.Long, "Alerts cross-matched with SIMBAD or Gaia"),
        new("f:visits", ColumnType.Long, "Number of distinct visit times"),
        new("f:glint_trail", ColumnType.Long, "Alerts flagged glint_trail"),
        new("f:isDipole", ColumnType.Long, "Alerts flagged isDipole"),
        new("f:pixelFlags_cr", ColumnType.Long, "Alerts flagged pixelFlags_cr"),
        new("f:pixelFlags_saturated", ColumnType.Long, "Alerts flagged pixelFlags_saturated"),
        new("f:pixelFlags_streak", ColumnType.Long, "Alerts flagged pixelFlags_streak"),
        new("f:fink_broker_version", ColumnType.String, "Fink broker version"),
        new("f:fink_science_version", ColumnType.String, "Fink science version"),
        new("f:lsst_schema_version", ColumnType.String, "Rubin alert schema version"),
    ];

    // The columns the counters read: a night of Rubin alerts is read without the rest of each row.
    private static readonly string[] Counted =
    [
        "r:band", "f:is_sso", "f:is_first", "f:is_cataloged", "f:xm_tns_fullname", "r:glint_trail", "r:isDipole", "r:pixelFlags_cr",
        "r:pixelFlags_saturated", "r:pixelFlags_streak", "f:fink_broker_version", "f:fink_science_version", "f:lsst_schema_version",
    ];

    public static readonly EndpointSpec Spec = new(LsstApi.BasePath + "/statistics", "Get statistics about Fink and the Rubin alert stream",
    [
        new("date", "string", false, "every night", "Night(s): YYYYMMDD, YYYYMM or YYYY (Fink requires it; empty means every night)."),
        new("columns", "string", false, "*", "Comma-separated columns, e.g. f:alerts,f:night."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    public static RouteHandlerBuilder MapLsstStatistics(this IEndpointRouteBuilder api) =>
        api.MapMethods("/statistics", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>>> Handle(HttpRequest request,
        [FromKeyedServices(SurveyStores.Lsst)] IAlertReader store, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var date = reader.String("date") ?? "";
        if (date.Length is not (0 or 4 or 6 or 8) || !date.All(char.IsAsciiDigit))
            reader.Fail("date", $"`date` must be YYYYMMDD, YYYYMM, YYYY or empty, got '{date}'.", 0);
        var names = Columns.Select(c => c.Name).ToHashSet();
        var requested = reader.Columns(names.Contains, LsstApi.BasePath + "/schema");
        var format = ApiResults.OutputFormat(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);

        var nights = new SortedDictionary<string, Night>(StringComparer.Ordinal);
        await foreach (var alert in store.QueryAsync(new AlertQuery { Jd = Range(date), Columns = Counted }, ct))
        {
            var night = NightOf(alert.Time);
            if (!night.StartsWith(date, StringComparison.Ordinal))
                continue;
            if (!nights.TryGetValue(night, out var counts))
                nights[night] = counts = new Night(night);
            counts.Add(alert);
        }
        var columns = requested is null ? Columns : Columns.Where(c => requested.Contains(c.Name)).ToList();
        var rows = nights.Values.Select(n => columns.Select(c => n.Cell(c.Name)).ToArray());
        return new TableHttpResult(new ResultTable(columns.Select(c => new TableColumn(c.Name, c.Type)).ToList(), rows), format);
    }

    /// <summary>The night of an MJD as Fink partitions it: the calendar date of the MJD read as a date.</summary>
    public static string NightOf(double mjd) =>
        JulianDate.ToDateTime(mjd + JulianDate.MjdOffset).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static JdRange? Range(string date)
    {
        if (date.Length == 0)
            return null;
        var year = int.Parse(date[..4], CultureInfo.InvariantCulture);
        var month = date.Length >= 6 ? int.Parse(date[4..6], CultureInfo.InvariantCulture) : 1;
        var day = date.Length == 8 ? int.Parse(date[6..8], CultureInfo.InvariantCulture) : 1;
        if (year < 1858 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return new JdRange(0, -1); // no such night
        var start = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
        var stop = date.Length switch { 4 => start.AddYears(1), 6 => start.AddMonths(1), _ => start.AddDays(1) };
        return new JdRange(JulianDate.FromDateTime(start) - JulianDate.MjdOffset, JulianDate.FromDateTime(stop) - JulianDate.MjdOffset);
    }

    private sealed class Night(string night)
    {
        private readonly Dictionary<string, long> _counts = [];
        private readonly HashSet<long> _objects = [];
        private readonly HashSet<double> _visits = [];
        private Alert? _first;

        public void Add(Alert alert)
        {
            _first ??= alert;
            Count("f:alerts");
            if (alert["r:band"] is string band)
                Count("f:alerts_" + band);
            if (alert.Values[alert.Survey.ObjectId.Ordinal] is long id)
                _objects.Add(id);
            _visits.Add(alert.Time);
            foreach (var flag in (string[])["is_sso", "is_first", "is_cataloged"])
                if (alert["f:" + flag] is true)
                    Count("f:" + flag);
            if (alert["f:xm_tns_fullname"] is string)
                Count("f:in_tns");
            foreach (var flag in (string[])["glint_trail", "isDipole", "pixelFlags_cr", "pixelFlags_saturated", "pixelFlags_streak"])
                if (alert["r:" + flag] is true)
                    Count("f:" + flag);
        }

        private void Count(string name) => _counts[name] = _counts.GetValueOrDefault(name) + 1;

        public object? Cell(string name) => name switch
        {
            "f:night" => night,
            "f:objects" => (long)_objects.Count,
            "f:visits" => (long)_visits.Count,
            "f:fink_broker_version" or "f:fink_science_version" or "f:lsst_schema_version" => _first?[name],
            _ => _counts.GetValueOrDefault(name),
        };
    }
}
