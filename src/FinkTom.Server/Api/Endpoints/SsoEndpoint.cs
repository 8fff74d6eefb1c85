using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Proxy;
using FinkTom.Server.Tables;

namespace FinkTom.Server.Api.Endpoints;

/// <summary>
/// <c>/api/v1/sso</c>: alerts of known Solar System objects (contract §2.7), matched on the alerts' own
/// <c>i:ssnamenr</c> — the MPC number (<c>8467</c>) or packed designation (<c>2010JO69</c>) ZTF wrote. Fink resolves
/// names through IMCCE's quaero/SsODNet first; FinkTom works offline, so a name ZTF never wrote finds nothing,
/// and the ephemeris options (Miriade) are refused with a clear message.
/// </summary>
public static class SsoEndpoint
{
    public const int MaxNames = 100;

    public static readonly EndpointSpec Spec = new("/api/v1/sso", "Get Solar System object data based on their ID",
    [
        new("n_or_d", "string", true, null, $"MPC number (8467) or designation (2010JO69, 2010 JO69) as in i:ssnamenr; comma-separated list of up to {MaxNames}."),
        new("withEphem", "boolean", false, "False", "Not available in FinkTom (needs the Miriade ephemeris service)."),
        new("withResiduals", "boolean", false, "False", "Not available in FinkTom (needs the Miriade ephemeris service)."),
        new("withcutouts", "boolean", false, "False", "Add cutouts as 2-D arrays."),
        new("cutout-kind", "string", false, "Science", "Science, Template or Difference."),
        new("columns", "string", false, "*", "Comma-separated column names; i:ssnamenr is always added."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    public static RouteHandlerBuilder MapSso(this IEndpointRouteBuilder api) =>
        api.MapMethods("/sso", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>, ProxyResult>> Handle(HttpRequest request, IAlertReader store,
        FinkProxy proxy, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        // Fink removes spaces: "2010 JO69" is ZTF's "2010JO69".
        var names = reader.List("n_or_d")!.Select(n => n.Replace(" ", "")).ToList();
        if (names.Count > MaxNames)
            reader.Fail("n_or_d", $"`n_or_d`: at most {MaxNames} names per request, got {names.Count}.", 0);
        foreach (var option in new[] { "withEphem", "withResiduals" })
            if (reader.Bool(option))
                reader.Fail(option, $"`{option}` needs the Miriade ephemeris service, which FinkTom does not call; ask without it.", 0);
        var withCutouts = reader.Bool("withcutouts");
        var kinds = CutoutKinds.FromParameter(reader, "cutout-kind", defaultAll: false);
        var columns = reader.Columns(QueryTimeColumns.Names);
        if (columns is not null && !columns.Contains("i:ssnamenr"))
            columns = [.. columns, "i:ssnamenr"];
        var format = ApiResults.OutputFormat(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);
        if (await proxy.SsoAsync(request.HttpContext, reader.Bag, format, ct) is { } proxied)
            return proxied;

        var query = new AlertQuery
        {
            SsoNames = names,
            Columns = AnswerColumns.StoreColumnsFor(columns),
            OrderBy = [SortKey.JdDescending],
            WithCutouts = withCutouts,
        };
        var rows = await store.ReadRowsAsync(query, ct);

        var output = columns is null ? AnswerColumns.Full(withColor: false) : AnswerColumns.Requested(columns);
        output.Add(new OutputColumn("sso_name", ColumnType.String, row => row.Alert.GetString(ColumnCatalog.SsNameNr)));
        output.Add(new OutputColumn("sso_number", ColumnType.String,
            row => row.Alert.GetString(ColumnCatalog.SsNameNr) is { } s && s.All(char.IsAsciiDigit) ? s : null));
        if (withCutouts)
        {
            StampColumns.AddTo(output, rows, kinds);
        }
        return new TableHttpResult(AnswerColumns.ToTable(output, rows), format);
    }
}
