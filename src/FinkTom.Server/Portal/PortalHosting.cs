using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Portal;

/// <summary>Options of the <c>Portal</c> section.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>Serve the Science Portal at <c>/</c> (set false for an API-only service).</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// The Science Portal: a single-page app served at <c>/</c> from the files embedded in the assembly. Its pages,
/// <c>/</c> (home and searches, <c>/?q=...</c>), <c>/gw</c> (sky map follow-up) and <c>/ZTF...</c> (an object, as Fink's
/// portal), all answer index.html and the page routes itself. Everything else it needs comes from <c>/api/v1</c>.
/// </summary>
public static class PortalHosting
{
    // Vite names assets by content hash, so they never change under the same URL.
    private const string ImmutableCache = "public, max-age=31536000, immutable";

    // The page talks only to this server; images are the cutout PNGs; inline style attributes carry class colours.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.SectionName);
        services.AddSingleton(new PortalFiles(typeof(PortalHosting).Assembly));
        return services;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<PortalOptions>>().Value.Enabled)
            return app;
        var files = app.Services.GetRequiredService<PortalFiles>();
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".js"] = "text/javascript; charset=utf-8";
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            OnPrepareResponse = ctx =>
            {
                ctx.Context.Response.Headers.XContentTypeOptions = "nosniff";
                ctx.Context.Response.Headers.CacheControl = ctx.File.Name == "index.html" ? "no-cache" : ImmutableCache;
            },
        });

        app.MapMethods("/", ["GET", "HEAD"], (HttpContext context) => Index(context, files)).ExcludeFromDescription();
        app.MapMethods("/gw", ["GET", "HEAD"], (HttpContext context) => Index(context, files)).ExcludeFromDescription();
        // Constrained in the route itself, so other paths (/index.html, /assets/...) stay with the static files.
        app.MapMethods("/{objectId:regex(^ZTF[0-9]{{2}}[a-zA-Z]{{7}}$)}", ["GET", "HEAD"], (HttpContext context) => Index(context, files))
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Index(HttpContext context, PortalFiles files)
    {
        if (!files.HasIndex)
            return Results.Text(
                "The Science Portal was not built into this server (built with -p:SkipPortalBuild=true, or without Node.js). " +
                "The REST API is at /api/v1 and documented at /openapi/v1.json.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        var file = files.GetFileInfo("index.html");
        return Results.Stream(file.CreateReadStream(), "text/html; charset=utf-8", lastModified: file.LastModified);
    }
}
