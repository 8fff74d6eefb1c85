using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FinkTom.FinkClient;

/// <summary>
/// The server answered an error. <see cref="Text"/> is its reason, read from FinkTom's JSON error
/// (<c>{"status": "error", "text": ..., "parameter": ...}</c>) or from Fink's Python-repr text.
/// </summary>
public partial class FinkApiException(HttpStatusCode statusCode, string text, string? parameter, Uri? requestUri, string? body)
    : Exception($"Fink API {(int)statusCode} for {requestUri?.AbsolutePath}: {(parameter is null ? "" : $"`{parameter}`: ")}{text}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;
    public string Text { get; } = text;
    public string? Parameter { get; } = parameter;
    public Uri? RequestUri { get; } = requestUri;
    public string? Body { get; } = body;

    /// <summary>Reads the error out of a failed response (FinkTom's JSON, Fink's repr, or the raw text).</summary>
    public static async Task<FinkApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var (text, parameter) = Parse(body);
        return new FinkApiException(response.StatusCode, text ?? (body.Length > 0 ? Truncate(body) : response.ReasonPhrase ?? "no details"),
            parameter, response.RequestMessage?.RequestUri, body);
    }

    internal static (string? Text, string? Parameter) Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = document.RootElement;
                string? Read(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                return (Read("text") ?? Read("message"), Read("parameter"));
            }
        }
        catch (JsonException)
        {
        }
        // Fink: {'status': 'error', 'text': 'A value for `objectId` is required. ... \n'} (a Python repr).
        var repr = FinkRepr().Match(body);
        return repr.Success ? (repr.Groups["text"].Value.Replace("\\n", "").Trim(), null) : (null, null);
    }

    private static string Truncate(string body) => body.Length <= 500 ? body.Trim() : body[..500].Trim() + "...";

    [GeneratedRegex(@"'text':\s*(?:'(?<text>(?:[^'\\]|\\.)*)'|""(?<text>(?:[^""\\]|\\.)*)""|(?<text>[^}]*))")]
    private static partial Regex FinkRepr();
}

/// <summary>The server could not be reached or did not answer within <see cref="FinkClientOptions.Timeout"/>.</summary>
public sealed class FinkUnavailableException(string message, bool isTimeout, Exception inner) : Exception(message, inner)
{
    public bool IsTimeout { get; } = isTimeout;
}
