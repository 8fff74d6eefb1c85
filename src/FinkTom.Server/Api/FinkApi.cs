using FinkTom.Server.Api.Endpoints;
using FinkTom.Server.Proxy;

namespace FinkTom.Server.Api;

/// <summary>The Fink-compatible REST API under <c>/api/v1</c>, with Fink's permissive CORS (contract §1.6).</summary>
public static class FinkApi
{
    public const string CorsPolicy = "fink";

    public static IServiceCollection AddFinkApi(this IServiceCollection services)
    {
        services.AddSingleton<ClassCatalog>();
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin()
            // Fink's two headers, plus proxy mode's source policy; browsers may read where an answer came from.
            .WithHeaders("Content-Type", "Authorization", ProxySource.PolicyHeader)
            .WithExposedHeaders(ProxySource.SourceHeader, ProxySource.FetchedAtHeader, ProxySource.UpstreamErrorHeader, "Age")
            .WithMethods("GET", "PUT", "POST", "DELETE", "OPTIONS")));
        return services;
    }

    public static IEndpointRouteBuilder MapFinkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireCors(CorsPolicy).WithTags("Fink API");
        api.MapObjects();
        api.MapConeSearch();
        api.MapLatests();
        api.MapClasses();
        api.MapSchema();
        api.MapCutouts();
        api.MapSso();
        api.MapAnomaly();
        api.MapSkyMap();
        api.MapTracklet();
        api.MapExplorer();
        api.MapStatistics();
        api.MapResolver();
        api.MapSsoServices();
        api.MapMetadata();
        return app;
    }
}
