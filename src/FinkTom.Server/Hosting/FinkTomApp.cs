using FinkTom.Server.Api;

namespace FinkTom.Server.Hosting;

/// <summary>Composes the web service: store, ingestion, the Fink API, health and OpenAPI.</summary>
public static class FinkTomApp
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(DefaultUrls);

        builder.Services.AddAlertStore(builder.Configuration);  // Store:Backend chooses the backend
        builder.Services.AddSampleIngestion();                 // real sample alerts on first start
        builder.Services.AddFinkApi();                         // /api/v1/... as Fink serves it
        builder.Services.AddOpenApi(o => o.AddOperationTransformer<FinkParametersTransformer>()); // /openapi/v1.json
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.UseFinkErrors();                                   // JSON errors, never an HTML page
        app.UseCors();
        app.MapFinkApi();
        app.MapHealth();
        app.MapOpenApi();
        return app;
    }
}
