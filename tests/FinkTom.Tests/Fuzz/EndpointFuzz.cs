using System.Text.Json;
using CsCheck;
using FinkTom.Server.Api.Parameters;

namespace FinkTom.Tests.Fuzz;

/// <summary>
/// Random GET and POST requests to a set of endpoints, with values for their real parameter names
/// (<see cref="ApiParameterValues"/>), and the checks every Fink-style API owes them: never a 5xx; a 400 is the JSON
/// error with a text, naming the parameter at fault unless it is about the request as a whole; a JSON 200 parses.
/// </summary>
internal static class EndpointFuzz
{
    public static async Task CheckAsync(HttpClient client, IReadOnlyList<EndpointSpec> specs, Func<string, bool> may404,
        IReadOnlyList<string> wholeRequestErrors, int ci)
    {
        Gen<(string Path, bool Post, string Query, byte[] Body)> requests = Gen.OneOf(specs.ToArray()).SelectMany(spec => ApiParameterValues.Pairs(spec).SelectMany(pairs =>
            Gen.Select(Gen.Int[0, 3], ApiParameterValues.Query(pairs), ApiParameterValues.JsonBody(pairs), (how, query, body) => how switch
            {
                0 or 1 => (spec.Path, false, query, Array.Empty<byte>()),
                2 => (spec.Path, true, "", ApiParameterValues.Utf8(body)),
                _ => (spec.Path, true, query, ApiParameterValues.Utf8(body)), // a POST with a query string reads the query string
            })));
        var tally = new FuzzTally();
        await FuzzRun.CheckAsync(requests, async request =>
        {
            var (path, post, query, body) = request;
            var url = path + (query.Length > 0 ? "?" + query : "");
            var (status, mediaType, answer) = await FuzzServer.SendAsync(client, post ? FuzzServer.Post(url, body) : FuzzServer.Get(url));
            tally.Add($"{path} {status}");
            var what = $"{(post ? "POST" : "GET")} {url}";
            Assert.True(status is 200 or 400 or 413 || (status == 404 && may404(path)), $"{what}: HTTP {status}: {FuzzServer.Text(answer)}");
            if (status == 400 && AssertFinkError(answer, mediaType, what, wholeRequestErrors) is { } wholeRequest)
                tally.Add($"{path} 400 naming no parameter: {wholeRequest}");
            else if (status == 200 && mediaType == "application/json")
                FuzzServer.Json(answer, what);
        }, ci: ci, print: r => $"{(r.Post ? "POST" : "GET")} {r.Path}?{r.Query} {System.Text.Encoding.UTF8.GetString(r.Body)}");
        tally.Log();
    }

    /// <summary>Checks Fink's error shape; returns the start of the text when it names no parameter.</summary>
    private static string? AssertFinkError(byte[] answer, string? mediaType, string what, IReadOnlyList<string> wholeRequestErrors)
    {
        Assert.True(mediaType == "application/json", $"{what}: a 400 as {mediaType}: {FuzzServer.Text(answer)}");
        var error = FuzzServer.Json(answer, what);
        Assert.True(error.TryGetProperty("status", out var status) && status.GetString() == "error", $"{what}: {FuzzServer.Text(answer)}");
        var text = error.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        Assert.False(string.IsNullOrWhiteSpace(text), $"{what}: no text: {FuzzServer.Text(answer)}");
        var parameter = error.TryGetProperty("parameter", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        if (!string.IsNullOrWhiteSpace(parameter))
            return null;
        var wholeRequest = wholeRequestErrors.FirstOrDefault(w => text!.StartsWith(w, StringComparison.Ordinal));
        return wholeRequest ?? throw new Xunit.Sdk.XunitException($"{what}: a 400 that names no parameter: {FuzzServer.Text(answer)}");
    }
}
