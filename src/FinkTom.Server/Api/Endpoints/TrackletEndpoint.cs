using CultureInfo = System.Globalization.CultureInfo;
using DateTimeStyles = System.Globalization.DateTimeStyles;
using System.Text.RegularExpressions;
using FinkTom.Core.Api;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Core.Time;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Proxy;
using FinkTom.Server.Tables;

namespace FinkTom.Server.Api.Endpoints;

/// <summary>
/// <c>/api/v1/tracklet</c> (contract §2.12): alerts of satellite glints, whose <c>d:tracklet</c> starts with the given
/// id prefix (<c>TRCK_YYYYMMDD_HHMMSS_NN</c>) or with the prefix a date gives. The id encodes the exposure time, so the
/// store first narrows on that time (indexed), then matches the prefix.
/// </summary>
public static partial class TrackletEndpoint
{
    public static readonly EndpointSpec Spec = new("/api/v1/tracklet", "Get data for satellite glints",
    [
        new("date", "string", false, null, "YYYY-MM-DD[ hh[:mm[:ss]]][ NN], e.g. 2021-10-22 09:19:49 00: the tracklets of that day, hour, minute or second."),
        new("id", "string", false, null, "Tracklet id or a prefix of it, e.g. TRCK_20211022_091949_00 or TRCK_20211022_0919."),
        new("columns", "string", false, "*", "Comma-separated column names."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    public static RouteHandlerBuilder MapTracklet(this IEndpointRouteBuilder api) =>
        api.MapMethods("/tracklet", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>, ProxyResult>> Handle(
        HttpRequest request, IAlertReader store, FinkProxy proxy, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var prefix = Prefix(reader);
        var columns = reader.Columns(QueryTimeColumns.Names);
        var format = ApiResults.OutputFormat(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);
        if (await proxy.TrackletAsync(request.HttpContext, reader.Bag, format, ct) is { } proxied)
            return proxied;

        var rows = await store.ReadRowsAsync(new AlertQuery
        {
            Jd = Window(prefix!),
            Where = new StringMatchPredicate("d:tracklet", StringMatchKind.StartsWith, prefix!),
            Columns = AnswerColumns.StoreColumnsFor(columns),
            OrderBy = [new SortKey("d:tracklet"), new SortKey("i:objectId")],
        }, ct);
        return new TableHttpResult(AnswerColumns.AlertTable(columns, rows), format);
    }

    private static string? Prefix(ParameterReader reader)
    {
        if (reader.String("id") is { } id)
            return IdPrefix().IsMatch(id) ? id
                : reader.Fail<string?>("id", $"`id` must be a tracklet id or a prefix of one, TRCK_YYYYMMDD_HHMMSS_NN (at least TRCK_YYYYMMDD), got '{id}'.", null);
        if (reader.String("date") is { } date)
        {
            var match = DateForm().Match(date);
            if (!match.Success)
                return reader.Fail<string?>("date", $"`date` must be YYYY-MM-DD[ hh[:mm[:ss]]][ NN], e.g. 2021-10-22 09:19:49 00, got '{date}'.", null);
            // Fink's conversion: drop - and :, spaces become _.
            return "TRCK_" + date.Trim().Replace("-", "").Replace(":", "").Replace(' ', '_');
        }
        return reader.Fail<string?>("date", "You need to give a `date` (YYYY-MM-DD hh:mm:ss) or a tracklet `id`.", null);
    }

    /// <summary>The exposure times a prefix can stand for, with a day's margin either side (the id's time is the exposure's).</summary>
    private static JdRange? Window(string prefix)
    {
        var digits = prefix[5..].Replace("_", "");
        if (digits.Length < 8 || !DateTime.TryParseExact(digits[..8], "yyyyMMdd", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day))
            return null;
        var start = JulianDate.FromDateTime(day);
        return new JdRange(start - 1, start + 2);
    }

    [GeneratedRegex(@"^TRCK_\d{8}(_\d{0,6}(_\d{0,2})?)?$")]
    private static partial Regex IdPrefix();

    [GeneratedRegex(@"^\s*\d{4}-\d\d-\d\d( \d\d(:\d\d(:\d\d)?)?( \d\d)?)?\s*$")]
    private static partial Regex DateForm();
}
