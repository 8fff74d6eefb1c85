using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Sky;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Query.Adql.Schema;
using FinkTom.Server.Formats;
using FinkTom.Server.Hosting;
using FinkTom.Server.Vo.Tap;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Vo.Scs;

/// <summary>
/// Simple Cone Search 1.1 at <c>/scs</c> (ZTF) and <c>/lsst/scs</c> (Rubin): <c>RA</c>, <c>DEC</c>, <c>SR</c> in degrees,
/// <c>VERB</c> 1–3, optional <c>MAXREC</c>. One row per object, from its latest alert in the cone, nearest first: the
/// rows <c>/api/v1/conesearch</c> answers. The id and position columns carry the UCD1 words the standard asks for
/// (<c>ID_MAIN</c>, <c>POS_EQ_RA_MAIN</c>, <c>POS_EQ_DEC_MAIN</c>); errors are VOTable error documents.
/// </summary>
public static class ConeSearch
{
    /// <summary>Largest radius, degrees: wider than any ZTF or Rubin field of view, small enough for the sky index.</summary>
    public const double MaxRadiusDeg = 10;

    private static readonly string[] Verbose2 = ["i:candid", "i:jd", "i:fid", "i:magpsf", "i:sigmapsf", "d:classification", "i:jdstarthist", "i:ndethist"];
    private static readonly string[] LsstVerbose2 = ["r:diaSourceId", "r:midpointMjdTai", "r:band", "r:psfFlux", "r:psfFluxErr"];

    public static RouteGroupBuilder MapConeSearch(this RouteGroupBuilder group, bool lsst)
    {
        group.MapGet("", (HttpRequest request, IServiceProvider services, IOptions<VoOptions> options, CancellationToken ct) =>
            HandleAsync(request, lsst ? services.GetRequiredKeyedService<IAlertReader>(SurveyStores.Lsst) : services.GetRequiredService<IAlertReader>(),
                lsst ? TapCatalog.LsstSources : TapCatalog.ZtfAlerts, options.Value, ct));
        return group;
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, IAlertReader store, TapTable table, VoOptions options, CancellationToken ct)
    {
        var parameters = await VoParameters.ReadAsync(request, ct);
        string? error = null;
        var ra = Required(parameters, "RA", ref error);
        var dec = Required(parameters, "DEC", ref error);
        var sr = Required(parameters, "SR", ref error);
        var verb = parameters["VERB"] ?? "2";
        var maxRec = options.ConeSearchMaxRows;
        if (error is null && parameters["MAXREC"] is { } maxText)
            maxRec = int.TryParse(maxText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m)
                ? Math.Min(m, options.ConeSearchMaxRows) : -1;
        error ??= ra is < 0 or > 360 ? $"RA must be between 0 and 360 degrees, not {parameters["RA"]}."
            : dec is < -90 or > 90 ? $"DEC must be between -90 and 90 degrees, not {parameters["DEC"]}."
            : sr is < 0 or > MaxRadiusDeg ? $"SR must be between 0 and {MaxRadiusDeg} degrees, not {parameters["SR"]}."
            : verb is not ("1" or "2" or "3") ? $"VERB must be 1, 2 or 3, not '{verb}'."
            : maxRec < 0 ? $"MAXREC must be a whole number of rows (0 or more), not '{parameters["MAXREC"]}'." : null;
        if (error is not null)
            return VoErrors.Result(error);

        var survey = table.Survey!;
        var columns = Columns(table, verb);
        var rows = new List<object?[]>();
        if (sr > 0 && maxRec > 0)
        {
            var cone = new Cone(ra!.Value, dec!.Value, sr!.Value);
            var query = new AlertQuery
            {
                Cone = cone,
                LatestPerObject = true,
                // Alerts without an object (Rubin's Solar System sources) are no object's: left out, as the REST API does.
                Where = survey.ObjectIdOptional ? new ComparePredicate(survey.ObjectId.Name, CompareOp.Ne, null) : null,
                Columns = columns.Where(c => c.Column is not null).Select(c => c.Column!.StoreColumn).Concat([survey.Ra.Name, survey.Dec.Name]).ToList(),
                OrderBy = [SortKey.Separation],
                Limit = maxRec + 1,
            };
            await foreach (var alert in store.QueryAsync(query, ct))
                rows.Add(columns.Select(c => c.Column is { } col ? alert.Values[survey.Catalog.Get(col.StoreColumn).Ordinal]
                    : SkyMath.SeparationDeg(cone.Ra, cone.Dec, alert.Ra, alert.Dec)).ToArray());
        }
        var overflow = rows.Count > maxRec;
        if (overflow)
            rows.RemoveRange(maxRec, rows.Count - maxRec);
        var result = new TapResult(new ResultTable(columns.Select(c => c.Field).ToList(), rows), overflow);
        return new TapHttpResult(result, TableFormat.VoTable);
    }

    private static double? Required(VoParameters parameters, string name, ref string? error)
    {
        var value = parameters.Number(name, out var problem);
        if (error is null && problem is not null)
            error = problem;
        else if (error is null && value is null)
            error = $"{name} is required (degrees).";
        return value;
    }

    private sealed record ScsColumn(TableColumn Field, TapColumn? Column);

    private static List<ScsColumn> Columns(TapTable table, string verb)
    {
        var survey = table.Survey!;
        ScsColumn Of(string name, string? ucd = null)
        {
            var column = table.Columns.First(c => c.StoreColumn == name);
            return new ScsColumn(new TableColumn(column.Name, column.Type) { Ucd = ucd ?? column.Ucd, Unit = column.Unit, Description = column.Description }, column);
        }
        var columns = new List<ScsColumn>
        {
            Of(survey.ObjectId.Name, "ID_MAIN"), Of(survey.Ra.Name, "POS_EQ_RA_MAIN"), Of(survey.Dec.Name, "POS_EQ_DEC_MAIN"),
            new(new TableColumn("separation", ColumnType.Double) { Unit = "deg", Ucd = "pos.angDistance", Description = "Distance to the cone's centre, degrees." }, null),
        };
        var main = new HashSet<string> { survey.ObjectId.Name, survey.Ra.Name, survey.Dec.Name };
        IEnumerable<string> more = verb switch
        {
            "1" => [],
            "2" => survey == Survey.Lsst ? LsstVerbose2 : Verbose2,
            _ => table.Columns.Select(c => c.StoreColumn).Where(n => !main.Contains(n)),
        };
        // Only the three main columns carry "main" UCDs: SCS clients look each one up by its UCD.
        columns.AddRange(more.Select(n => Of(n, table.Columns.First(c => c.StoreColumn == n).Ucd?.Replace(";meta.main", ""))));
        return columns;
    }
}
