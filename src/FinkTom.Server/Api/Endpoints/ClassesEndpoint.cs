using FinkTom.Server.Proxy;

namespace FinkTom.Server.Api.Endpoints;

/// <summary><c>/api/v1/classes</c>: the class names /latests accepts (contract §2.4); keys sorted as Flask sorts them.</summary>
public static class ClassesEndpoint
{
    public static RouteHandlerBuilder MapClasses(this IEndpointRouteBuilder api) =>
        api.MapGet("/classes", async Task<Results<Ok<SortedDictionary<string, IReadOnlyList<string>>>, ProxyResult>> (ClassCatalog classes,
            FinkProxy proxy, HttpContext http, CancellationToken ct) =>
            await proxy.ClassesAsync(http, ct) is { } proxied ? proxied : TypedResults.Ok(new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [ClassCatalog.FinkKey] = classes.FinkClasses,
            [ClassCatalog.TnsKey] = classes.TnsTypes.Select(t => "(TNS) " + t).ToList(),
            [ClassCatalog.SimbadKey] = classes.SimbadLabels.Select(l => "(SIMBAD) " + l).ToList(),
        })).WithSummary("Class names accepted by /api/v1/latests");
}
