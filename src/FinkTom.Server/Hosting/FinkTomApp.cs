using FinkTom.Kafka;
using FinkTom.Livestream;
using FinkTom.Livestream.Endpoints;
using FinkTom.Server.Api;
using FinkTom.Server.Lsst;
using FinkTom.Server.OData;
using FinkTom.Server.Portal;
using FinkTom.Server.Proxy;
using FinkTom.Server.Security;
using FinkTom.Server.Vo;

namespace FinkTom.Server.Hosting;

/// <summary>Composes the web service: store, ingestion, the Fink API, health and OpenAPI.</summary>
public static class FinkTomApp
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Configuration (appsettings.json) is read beside the executable, whatever the working directory;
    /// relative paths in it (the database) still resolve against the working directory.</summary>
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) ? null : AppContext.BaseDirectory,
    };

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(Options(args));
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(DefaultUrls);

        builder.Services.AddDataFolder(builder.Configuration);  // Data:Directory (--data-dir): where every file goes
        builder.Services.AddAlertStore(builder.Configuration);  // Store:Backend chooses the backend
        builder.Services.AddSampleIngestion();                 // real sample alerts on first start
        builder.Services.AddFinkApi();                         // /api/v1/... as Fink serves it
        builder.Services.AddODataFeed();                       // /odata for Excel and Power BI
        builder.Services.AddVirtualObservatory();              // TAP/ADQL at /tap, cone search at /scs (TOPCAT, pyvo, Aladin)
        builder.Services.AddFinkProxy();                       // proxy mode: Upstream:Url behind the API
        builder.Services.AddOpenApi(o => o.AddOperationTransformer<FinkParametersTransformer>()); // /openapi/v1.json
        builder.Services.AddProblemDetails();
        builder.Services.AddPortal();                          // the Science Portal at /
        builder.Services.AddLivestreams();                     // filters and SSE, fed by the store's writes (after the store: wraps it)
        builder.Services.AddKafka(builder.Configuration);      // Kafka in (Kafka:Ingest) and out (the livestreams' topics)
        builder.Services.AddTnsTagging();                      // d:tns on raw ZTF alerts, before the livestreams match them
        builder.Services.AddFinkRateLimits();                  // per-client limits on /api, /odata, /livestream
        RequestLog.HoldBackHostingLog(builder.Logging);        // ASP.NET Core's request lines would show ?apikey=

        var app = builder.Build();
        app.UseFinkErrors();                                   // JSON errors, never an HTML page
        app.UseMiddleware<RequestLog>();                       // one line per request, secrets redacted
        app.UseFinkRateLimits();                               // 429 with Retry-After beyond a client's budget
        app.UseCors();
        app.MapFinkApi();
        app.MapLsstApi();                                      // Fink's LSST API at /lsst/api/v1
        app.MapODataFeed();
        app.MapVirtualObservatory();
        app.MapHealth();
        app.MapOpenApi();
        app.MapPortal();
        app.MapLivestreams().MapLivestreamStatus();
        return app;
    }
}
