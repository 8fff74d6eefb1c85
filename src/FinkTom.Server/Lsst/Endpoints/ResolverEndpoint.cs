using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst;
using FinkTom.Server.Api;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Formats;
using FinkTom.Server.Hosting;

namespace FinkTom.Server.Lsst.Endpoints;

/// <summary>
/// <c>/resolver</c>: names ↔ Rubin ids (contract §2.8), for what the store can answer: <c>reverse</c> lookups (an id →
/// its TNS name, SIMBAD label, asteroid designation) and <c>ssodnet</c> by designation. Forward SIMBAD (CDS Sesame)
/// and TNS (Fink's TNS dump) lookups need data this FinkTom does not hold: a 400 says so.
/// </summary>
public static class ResolverEndpoint
{
    public static readonly EndpointSpec Spec = new(LsstApi.BasePath + "/resolver", "Resolve astronomical names to LSST IDs, and vice-versa",
    [
        new("resolver", "string", true, null, "simbad, ssodnet or tns."),
        new("name_or_id", "string", true, null, "A name, or with reverse a Rubin id (diaObjectId; ssObjectId for ssodnet)."),
        new("reverse", "boolean", false, "False", "Resolve an id to names."),
        new("nmax", "integer", false, "10", "Maximum number of rows."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    public static RouteHandlerBuilder MapLsstResolver(this IEndpointRouteBuilder api) =>
        api.MapMethods("/resolver", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>>> Handle(HttpRequest request,
        [FromKeyedServices(SurveyStores.Lsst)] IAlertReader store, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var resolver = reader.RequiredString("resolver");
        var name = reader.RequiredString("name_or_id");
        var reverse = reader.Bool("reverse");
        var nmax = reader.Int("nmax", 10, 1, 100_000);
        var format = ApiResults.OutputFormat(reader);
        if (resolver is not ("simbad" or "ssodnet" or "tns"))
            reader.Fail("resolver", $"`resolver` must be simbad, ssodnet or tns, got '{resolver}'.", 0);
        else if (!reverse && resolver is "simbad" or "tns")
            reader.Fail("resolver", $"Resolving a name with {resolver} needs {(resolver == "simbad" ? "CDS Sesame, an online service" : "Fink's TNS dump")}, " +
                "which this FinkTom does not hold; reverse lookups (reverse=True with a diaObjectId) are answered from the store.", 0);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);

        var columns = (resolver, reverse) switch
        {
            ("tns", _) => (string[])["r:diaObjectId", "f:xm_tns_fullname", "f:xm_tns_type", "f:xm_tns_redshift"],
            ("simbad", _) => ["r:diaObjectId", "f:main_label_crossmatch", "r:ra", "r:dec"],
            (_, true) => ["r:packed_primary_provisional_designation", "r:unpacked_primary_provisional_designation", "r:ssObjectId", "r:diaSourceId"],
            _ => ["r:packed_primary_provisional_designation", "r:ssObjectId", "r:diaSourceId"],
        };
        var query = (resolver, reverse) switch
        {
            ("ssodnet", true) => new AlertQuery { Where = SsObject(name) },
            ("ssodnet", false) => new AlertQuery { SsoNames = [MinorPlanetDesignation.IsPacked(name) ? name : MinorPlanetDesignation.Pack(name) ?? name] },
            ("simbad", _) => new AlertQuery { ObjectIds = [name], LatestPerObject = true },
            _ => new AlertQuery { ObjectIds = [name] },
        };
        var alerts = await store.ReadAsync(query with { OrderBy = [SortKey.NewestFirst(Survey.Lsst)] }, ct);
        var defs = columns.Select(c => Survey.Lsst.Catalog.Get(c)).ToList();
        var rows = alerts.Select(a => defs.Select(d => a.Values[d.Ordinal]).ToArray())
            .Where(r => resolver != "tns" || r[1] is not null) // alerts without a TNS name are no answer
            .DistinctBy(r => string.Join('\u0001', r.Select(v => v?.ToString()))).Take(nmax);
        return new TableHttpResult(new ResultTable(defs.Select(TableColumn.For).ToList(), rows.ToList()), format);
    }

    private static Predicate SsObject(string id) => long.TryParse(id, out var number)
        ? new ComparePredicate("r:ssObjectId", CompareOp.Eq, number)
        : new ComparePredicate("r:ssObjectId", CompareOp.Eq, -1L);
}
