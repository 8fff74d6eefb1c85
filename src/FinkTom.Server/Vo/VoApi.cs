using System.Text;
using FinkTom.Server.Vo.Scs;
using FinkTom.Server.Vo.Tap;
using FinkTom.Server.Vo.Uws;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Vo;

/// <summary>
/// The Virtual Observatory services, so TOPCAT, Aladin, pyvo and astroquery open FinkTom directly: TAP 1.1 with ADQL at
/// <c>/tap</c> (sync, async UWS jobs, VOSI capabilities/availability/tables, TAP_SCHEMA), and Simple Cone Search 1.1 at
/// <c>/scs</c> (ZTF) and <c>/lsst/scs</c> (Rubin). Limits come from the <c>Vo</c> section (<see cref="VoOptions"/>).
/// </summary>
public static class VoApi
{
    public const string CorsPolicy = "vo";

    public static IServiceCollection AddVirtualObservatory(this IServiceCollection services)
    {
        services.AddOptions<VoOptions>().BindConfiguration(VoOptions.SectionName)
            .Validate(o => o.IsValid, "Vo: every limit must be positive, and MaxRec at least DefaultMaxRec.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TapRunner>();
        services.AddSingleton<UwsJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<UwsJobs>());
        // Aladin Lite and other browser clients call from their own origin.
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy.AllowAnyOrigin().AllowAnyHeader().WithMethods("GET", "POST")));
        return services;
    }

    public static IEndpointRouteBuilder MapVirtualObservatory(this IEndpointRouteBuilder app)
    {
        var tap = app.MapGroup("/tap").RequireCors(CorsPolicy).WithTags("TAP").ExcludeFromDescription().DisableAntiforgery();
        tap.MapMethods("/sync", ["GET", "POST"], TapSync.HandleAsync);
        tap.MapGet("/capabilities", (HttpRequest request, IOptions<VoOptions> options) =>
            Xml(VosiDocuments.Capabilities(TapUrl(request), options.Value)));
        tap.MapGet("/availability", () => Xml(VosiDocuments.Availability(true, "FinkTom's TAP service is accepting queries.")));
        tap.MapGet("/tables", () => Xml(VosiDocuments.Tables()));
        tap.MapGet("/examples", () => TypedResults.Text(TapExamples.Document(), "application/xhtml+xml", Encoding.UTF8));
        tap.MapGet("", (HttpRequest request) => TypedResults.Redirect(TapUrl(request) + "/capabilities"));
        tap.MapUwsJobs("/async");

        app.MapGroup("/scs").RequireCors(CorsPolicy).WithTags("VO").ExcludeFromDescription().MapConeSearch(lsst: false);
        app.MapGroup("/lsst/scs").RequireCors(CorsPolicy).WithTags("VO").ExcludeFromDescription().MapConeSearch(lsst: true);
        return app;
    }

    /// <summary>The service's base URL as the client reached it.</summary>
    public static string TapUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/tap";

    public static IResult Xml(string document) => TypedResults.Text(document, "text/xml", Encoding.UTF8);
}
