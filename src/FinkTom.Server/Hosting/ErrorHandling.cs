using FinkTom.Core.Api;
using FinkTom.Server.Api;

namespace FinkTom.Server.Hosting;

internal static class ErrorHandling
{
    /// <summary>
    /// Malformed requests Kestrel or routing reject (bad JSON body, body too large) become a 400 in Fink's error
    /// shape; anything unexpected is logged and answered with a JSON 500 rather than a stack trace.
    /// </summary>
    public static void UseFinkErrors(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(new FinkError(e.Message));
            }
            catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
            {
                app.Logger.LogError(e, "Unhandled error for {Path}", context.Request.Path);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsJsonAsync(new FinkError("Internal error; the server log has the details."));
            }
        });
}
