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
    // One outside image origin: CDS's hips2fits, for the sky map's survey background the user may switch on (off by
    // default). It is an <image> only: scripts and fetches still reach this server alone.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https://alasky.cds.unistra.fr; connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

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
        foreach (var page in Pages)
            app.MapMethods("/" + page, ["GET", "HEAD"], (HttpContext context) => Index(context, files)).ExcludeFromDescription();
        // Constrained in the route itself, so other paths (/index.html, /assets/...) stay with the static files.
        app.MapMethods("/{objectId:regex(^ZTF[0-9]{{2}}[a-zA-Z]{{7}}$)}", ["GET", "HEAD"], (HttpContext context) => Index(context, files))
            .ExcludeFromDescription();
        app.MapMethods("/lsst/{diaObjectId:regex(^[0-9]{{1,19}}$)}", ["GET", "HEAD"], (HttpContext context) => Index(context, files))
            .ExcludeFromDescription(); // a Rubin object's page
        // Any other page a browser asks for gets the portal's own "not found" page (status 404); services and files keep
        // their plain 404, and so does a client that does not ask for HTML (curl, the API clients).
        app.MapFallback("{*path:nonfile}", (HttpContext context, string? path) =>
            Reserved(path) || !WantsHtml(context.Request) ? Results.NotFound() : Index(context, files, StatusCodes.Status404NotFound))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The portal's own pages besides searches and object pages (main.js routes them).</summary>
    public static readonly string[] Pages = ["gw", "about", "stats", "download"];

    // Prefixes of the services: a missing path there is a missing resource, never a page.
    private static readonly string[] ServicePrefixes = ["api", "lsst", "odata", "livestream", "health", "openapi", "scs", "tap", "assets"];

    private static bool Reserved(string? path) =>
        path is null || ServicePrefixes.Contains(path.Split('/')[0], StringComparer.OrdinalIgnoreCase);

    private static bool WantsHtml(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            : false;

    private static IResult Index(HttpContext context, PortalFiles files, int status = StatusCodes.Status200OK)
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
        if (status != StatusCodes.Status200OK)
        {
            context.Response.StatusCode = status;
            return Results.Stream(file.CreateReadStream(), "text/html; charset=utf-8");
        }
        return Results.Stream(file.CreateReadStream(), "text/html; charset=utf-8", lastModified: file.LastModified);
    }
}
