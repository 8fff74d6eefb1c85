using FinkTom.Core.Api;

namespace FinkTom.Server.Lsst.Endpoints;

/// <summary>
/// <c>/ssoft</c> and <c>/ssobulk</c> (contract §2.13–2.14) are monthly products Fink computes on its cluster (phase-curve
/// fits of every asteroid; all asteroid light curves in one file) and serves from WebHDFS. This FinkTom keeps the
/// alerts they are made from (see <c>/sso</c>) but not those products: a 501 says so rather than a bare 404.
/// </summary>
public static class SolarSystemTablesEndpoint
{
    public static IEndpointRouteBuilder MapLsstSolarSystemTables(this IEndpointRouteBuilder api)
    {
        api.MapMethods("/ssoft", ["GET", "POST"], () => NotServed("ssoft",
                "The Solar System Object Fink Table is Fink's monthly fit of every asteroid's phase curve; this FinkTom does not compute it. " +
                "The alerts it is fitted on are served by /lsst/api/v1/sso."))
            .WithSummary("Solar System Object Fink Table (not computed by FinkTom)");
        api.MapMethods("/ssobulk", ["GET", "POST"], () => NotServed("ssobulk",
                "Fink's monthly file of every asteroid light curve is not built by this FinkTom; ask /lsst/api/v1/sso for the alerts of the asteroids you follow."))
            .WithSummary("All Solar System light curves in one file (not built by FinkTom)");
        return api;
    }

    private static JsonHttpResult<FinkError> NotServed(string endpoint, string text) =>
        TypedResults.Json(new FinkError(text, endpoint), statusCode: StatusCodes.Status501NotImplemented);
}
