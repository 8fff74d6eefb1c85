using FinkTom.Core.Api;
using FinkTom.Server.Api;
using FinkTom.Server.Formats;

namespace FinkTom.Server.Proxy;

/// <summary>An answer the proxy sends instead of the local store: an upstream table in the requested format, an
/// upstream document or file as received, or an error in Fink's shape (502, 503 with Retry-After, 504, or upstream's 400/404).</summary>
public sealed class ProxyResult : IResult, IStatusCodeHttpResult
{
    private readonly Func<HttpContext, Task> _write;

    private ProxyResult(int status, Func<HttpContext, Task> write)
    {
        StatusCode = status;
        _write = write;
    }

    public int? StatusCode { get; }

    public static ProxyResult Table(UpstreamTable table, TableFormat format) => new(200, http =>
    {
        http.Response.ContentType = format.ContentType();
        var options = TableWriteOptions.FromAcceptHeader(http.Request.Headers.Accept.ToString());
        return TableWriter.WriteAsync(table.ToResultTable(), format, http.Response.Body, options, http.RequestAborted);
    });

    public static ProxyResult Content(UpstreamAnswer answer) => new(200, http =>
    {
        http.Response.ContentType = answer.ContentType;
        if (answer.FileName is { } name)
            http.Response.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = name }.ToString();
        return http.Response.Body.WriteAsync(answer.Body, http.RequestAborted).AsTask();
    });

    public static ProxyResult Error(UpstreamFailure failure) => new(failure.Status, http =>
    {
        if (failure.RetryAfter is { } wait)
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return http.Response.WriteAsJsonAsync(new FinkError(failure.Text, failure.IsRefusal ? null : "upstream"), http.RequestAborted);
    });

    public static ProxyResult Error(int status, FinkError error) => new(status, http => http.Response.WriteAsJsonAsync(error, http.RequestAborted));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode!.Value;
        await _write(httpContext);
    }
}
