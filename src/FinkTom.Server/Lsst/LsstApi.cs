using FinkTom.Server.Api;
using FinkTom.Server.Lsst.Endpoints;

namespace FinkTom.Server.Lsst;

/// <summary>
/// Fink's LSST API (<c>api.lsst.fink-portal.org</c>, contract <c>fink-lsst-api.md</c>) under <c>/lsst/api/v1</c>: a Fink
/// LSST client changes only its base URL to <c>http://host:5080/lsst</c>. Same request handling, formats and JSON errors
/// as the ZTF API at <c>/api/v1</c>; data from the Rubin store (the <see cref="Core.Store.IAlertReader"/> keyed "lsst").
/// </summary>
public static class LsstApi
{
    public const string BasePath = "/lsst/api/v1";

    public static IEndpointRouteBuilder MapLsstApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(BasePath).RequireCors(FinkApi.CorsPolicy).WithTags("Fink LSST API");
        api.MapLsstSources();
        api.MapLsstObjects();
        api.MapLsstForcedPhotometry();
        api.MapLsstConeSearch();
        api.MapLsstCutouts();
        api.MapLsstSchema();
        api.MapLsstSso();
        api.MapLsstResolver();
        api.MapLsstSkyMap();
        api.MapLsstStatistics();
        api.MapLsstTags();
        api.MapLsstBlocks();
        api.MapLsstSolarSystemTables();
        return app;
    }
}
