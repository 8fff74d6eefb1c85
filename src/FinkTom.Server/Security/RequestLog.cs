using System.Diagnostics;
using FinkTom.Server.OData;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Security;

/// <summary>
/// One log line per request (category <c>FinkTom.Requests</c>, Information): method, path, query with every secret
/// replaced by <c>***</c>, status and duration. ASP.NET Core's own request log would show the OData <c>apikey=</c>
/// query parameter verbatim, so it is held at Warning (see <see cref="HoldBackHostingLog"/>).
/// </summary>
public sealed class RequestLog(RequestDelegate next, ILoggerFactory loggers, IOptions<ODataFeedOptions> odata)
{
    public const string Category = "FinkTom.Requests";
    private readonly ILogger _log = loggers.CreateLogger(Category);
    private readonly string _keyParameter = odata.Value.Auth.ApiKeyQueryParameter;

    public async Task InvokeAsync(HttpContext http)
    {
        if (!_log.IsEnabled(LogLevel.Information))
        {
            await next(http);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            _log.LogInformation("{Method} {Path}{Query} → {Status} in {Milliseconds:F1} ms", http.Request.Method, http.Request.Path,
                Redact(http.Request.QueryString, _keyParameter), http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>The query string with the values of key-like parameters replaced.</summary>
    public static string Redact(QueryString query, string keyParameter)
    {
        if (!query.HasValue)
            return "";
        var parts = query.Value!.TrimStart('?').Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var name = Uri.UnescapeDataString(parts[i].Split('=')[0].Replace('+', ' '));
            if (IsSecret(name, keyParameter))
                parts[i] = parts[i].Split('=')[0] + "=***";
        }
        return "?" + string.Join('&', parts);
    }

    private static bool IsSecret(string name, string keyParameter) =>
        name.Equals(keyParameter, StringComparison.OrdinalIgnoreCase)
        || name.Contains("key", StringComparison.OrdinalIgnoreCase)
        || name.Contains("token", StringComparison.OrdinalIgnoreCase)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase);

    /// <summary>ASP.NET Core's "Request starting ... ?apikey=..." lines stay below the log unless a problem is logged.</summary>
    public static void HoldBackHostingLog(ILoggingBuilder logging) =>
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
}
