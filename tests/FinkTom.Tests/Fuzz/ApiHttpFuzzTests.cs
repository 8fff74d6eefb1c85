using System.Text.Json;
using CsCheck;
using FinkTom.Server.Api.Parameters;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Fuzz;

/// <summary>
/// Every <c>/api/v1</c> endpoint, GET and POST, with random values for its real parameter names (duplicates, wrong JSON
/// types, deep nesting, huge numbers, broken bodies): the answer is 200, 400, 404 (cutouts) or 413, never 5xx; a 200
/// is read whole (JSON ones parse); a 400 is Fink's error JSON with a text, naming the parameter at fault.
/// </summary>
[Collection(FuzzServer.Name)]
public sealed class ApiHttpFuzzTests(FinkTomFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private static readonly Gen<(string Path, bool Post, string Query, byte[] Body)> Requests =
        Gen.OneOf(ApiParameterValues.Specs).SelectMany(spec => ApiParameterValues.Pairs(spec).SelectMany(pairs =>
            Gen.Select(Gen.Int[0, 3], ApiParameterValues.Query(pairs), ApiParameterValues.JsonBody(pairs), (how, query, body) => how switch
            {
                0 or 1 => (spec.Path, false, query, Array.Empty<byte>()),
                2 => (spec.Path, true, "", ApiParameterValues.Utf8(body)),
                _ => (spec.Path, true, query, ApiParameterValues.Utf8(body)), // a POST with a query string reads the query string
            })));

    // Errors about the request as a whole, which name no parameter (the contract: "names the parameter when there is one").
    private static readonly string[] WholeRequestErrors =
        ["The request body", "Request body", "Give `objectId`, or `ra`, `dec` and `radius`", "You need to set parameters from the same group"];

    [Fact]
    public async Task Random_requests_to_every_endpoint_are_answered_200_400_404_or_413_never_5xx()
    {
        var tally = new FuzzTally();
        await FuzzRun.CheckAsync(Requests, async request =>
        {
            var (path, post, query, body) = request;
            var url = path + (query.Length > 0 ? "?" + query : "");
            var (status, mediaType, answer) = await FuzzServer.SendAsync(_client, post ? FuzzServer.Post(url, body) : FuzzServer.Get(url));
            tally.Add($"{path} {status}");
            var what = $"{(post ? "POST" : "GET")} {url}";
            Assert.True(status is 200 or 400 or 413 || (status == 404 && path == "/api/v1/cutouts"), $"{what}: HTTP {status}: {FuzzServer.Text(answer)}");
            if (status == 400 && AssertFinkError(answer, mediaType, what) is { } wholeRequest)
                tally.Add($"{path} 400 naming no parameter: {wholeRequest}");
            else if (status == 200 && mediaType == "application/json")
                FuzzServer.Json(answer, what);
        }, ci: 800, print: r => $"{(r.Post ? "POST" : "GET")} {r.Path}?{r.Query} {System.Text.Encoding.UTF8.GetString(r.Body)}");
        tally.Log();
    }

    [Fact]
    public async Task Classes_and_schema_ignore_nothing_they_cannot_read() =>
        await FuzzRun.CheckAsync(Gen.Select(Gen.OneOf("/api/v1/classes", "/api/v1/schema", "/api/v1/columns"), Mutations.AwkwardText, Mutations.AwkwardText),
            async request =>
            {
                var (path, name, value) = request;
                var url = $"{path}?{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";
                var (status, _, answer) = await FuzzServer.SendAsync(_client, FuzzServer.Get(url));
                Assert.True(status is 200 or 400, $"GET {url}: HTTP {status}: {FuzzServer.Text(answer)}");
            }, ci: 30);

    /// <summary>Checks Fink's error shape; returns the start of the text when it names no parameter.</summary>
    private static string? AssertFinkError(byte[] answer, string? mediaType, string what)
    {
        Assert.True(mediaType == "application/json", $"{what}: a 400 as {mediaType}: {FuzzServer.Text(answer)}");
        var error = FuzzServer.Json(answer, what);
        Assert.True(error.TryGetProperty("status", out var status) && status.GetString() == "error", $"{what}: {FuzzServer.Text(answer)}");
        var text = error.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        Assert.False(string.IsNullOrWhiteSpace(text), $"{what}: no text: {FuzzServer.Text(answer)}");
        var parameter = error.TryGetProperty("parameter", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        if (!string.IsNullOrWhiteSpace(parameter))
            return null;
        var wholeRequest = WholeRequestErrors.FirstOrDefault(w => text!.StartsWith(w, StringComparison.Ordinal));
        return wholeRequest ?? throw new Xunit.Sdk.XunitException($"{what}: a 400 that names no parameter: {FuzzServer.Text(answer)}");
    }
}
