using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst;
using FinkTom.Server.Api;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Hosting;

namespace FinkTom.Server.Lsst.Endpoints;

/// <summary>
/// <c>/sso</c>: alerts of known Solar System objects, by provisional designation (contract §2.7), newest first, with
/// <c>f:sso_name</c>. Fink turns numbers and names into designations with SsODNet's quaero and adds Miriade ephemerides,
/// both online services: FinkTom, offline, takes provisional designations (<c>2015 BC557</c>) and packed ones
/// (<c>K15Bt7C</c>) and says so when given anything else. <c>withOrbit=true</c> (FinkTom's own) adds the alert's MPC
/// orbit, which Fink keeps in a table its API does not serve: what a TOM needs for a non-sidereal target.
/// </summary>
public static class SsoEndpoint
{
    public static readonly EndpointSpec Spec = new(LsstApi.BasePath + "/sso", "Retrieve Solar System object data from Fink/Rubin based on their designation",
    [
        new("n_or_d", "string", true, null, "Provisional designation (2015 BC557, 2010JO69) or packed designation (K15Bt7C), or a comma-separated list."),
        new("withEphem", "boolean", false, "False", "Miriade ephemerides: needs the online service, refused here."),
        new("withResiduals", "boolean", false, "False", "Residuals: needs the online service, refused here."),
        new("withOrbit", "boolean", false, "False",
            "FinkTom only: add the MPC orbit the alert carried (mpc_orbits: r:a, r:q, r:e, r:i, r:node, r:argperi, r:mean_anomaly, r:epoch_mjd, …)."),
        new("columns", "string", false, "*", "Comma-separated columns; r:packed_primary_provisional_designation is always added."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    /// <summary>The <c>mpc_orbits</c> fields FinkTom keeps beyond the designations /sso has anyway, in Rubin's order.</summary>
    public static readonly IReadOnlyList<LsstColumn> Orbit = RubinRecords.Fields(RubinRecords.MpcOrbits)
        .Where(f => Survey.Lsst.Catalog.TryGet("r:" + f.Name, out _) && !LsstColumns.Sso.Any(c => c.Name == "r:" + f.Name))
        .Select(f => LsstColumn.Stored(Survey.Lsst.Catalog.Get("r:" + f.Name))).ToList();

    private static readonly LsstColumn SsoName = new("f:sso_name", ColumnType.String,
        a => a["r:packed_primary_provisional_designation"] is string packed ? MinorPlanetDesignation.Unpack(packed) ?? packed : null);

    public static RouteHandlerBuilder MapLsstSso(this IEndpointRouteBuilder api) =>
        api.MapMethods("/sso", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>>> Handle(HttpRequest request,
        [FromKeyedServices(SurveyStores.Lsst)] IAlertReader store, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var packed = new List<string>();
        foreach (var item in reader.List("n_or_d") ?? [])
        {
            if (MinorPlanetDesignation.IsPacked(item))
                packed.Add(item);
            else if (MinorPlanetDesignation.Pack(item) is { } p)
                packed.Add(p);
            else
                reader.Fail("n_or_d", $"`{item}` is not a provisional designation (e.g. 2015 BC557) or a packed one (K15Bt7C). " +
                    "Numbers and names need SsODNet's quaero resolver, an online service this FinkTom does not call.", 0);
        }
        if (reader.Bool("withEphem") || reader.Bool("withResiduals"))
            reader.Fail("withEphem", "Ephemerides come from IMCCE's Miriade, an online service this FinkTom does not call.", 0);
        var withOrbit = reader.Bool("withOrbit");
        var computed = withOrbit ? [SsoName, .. Orbit] : new[] { SsoName };
        var columns = reader.Columns(LsstTable.Knows(LsstColumns.Sso, [.. computed.Select(c => c.Name)]), LsstApi.BasePath + "/schema");
        var format = ApiResults.OutputFormat(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);

        var alerts = await store.ReadAsync(new AlertQuery { SsoNames = packed, OrderBy = [SortKey.NewestFirst(Survey.Lsst)] }, ct);
        var requested = columns?.Append("r:packed_primary_provisional_designation").Append(SsoName.Name).ToList();
        return new TableHttpResult(LsstTable.Build(LsstColumns.Sso, requested, alerts, computed), format);
    }
}
