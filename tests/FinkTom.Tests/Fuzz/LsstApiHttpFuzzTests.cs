using System.Text.Json;
using CsCheck;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Lsst.Endpoints;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Fuzz;

/// <summary>
/// Every <c>/lsst/api/v1</c> endpoint, GET and POST, with random values for its real parameter names, on the bundled
/// Rubin sample: the answer is 200, 400, 404 (schema of an unknown endpoint, a cutout without that stamp) or 413, never
/// 5xx; a 200 in JSON parses; a 400 is the JSON error naming the parameter at fault.
/// </summary>
[Collection(FuzzServer.Name)]
public sealed class LsstApiHttpFuzzTests(FinkTomFactory factory)
{
    private static readonly EndpointSpec[] Specs =
    [
        SourcesEndpoint.Spec, ObjectsEndpoint.Spec, ForcedPhotometryEndpoint.Spec, ConeSearchEndpoint.Spec, CutoutsEndpoint.Spec,
        SchemaEndpoint.Spec, SsoEndpoint.Spec, ResolverEndpoint.Spec, SkyMapEndpoint.Spec, StatisticsEndpoint.Spec, TagsEndpoint.Spec,
    ];

    private readonly HttpClient _client = factory.CreateClient();

    private static readonly Gen<(string Path, bool Post, string Query, byte[] Body)> Requests =
        Gen.OneOf(Specs).SelectMany(spec => ApiParameterValues.Pairs(spec).SelectMany(pairs =>
            Gen.Select(Gen.Int[0, 3], ApiParameterValues.Query(pairs), ApiParameterValues.JsonBody(pairs), (how, query, body) => how switch
            {
                0 or 1 => (spec.Path, false, query, Array.Empty<byte>()),
                2 => (spec.Path, true, "", ApiParameterValues.Utf8(body)),
                _ => (spec.Path, true, query, ApiParameterValues.Utf8(body)),
            })));

    private static readonly string[] WholeRequestErrors = ["The request body", "Request body"];

    [Fact]
    public async Task Random_requests_to_every_lsst_endpoint_are_answered_200_400_404_or_413_never_5xx()
    {
        var tally = new FuzzTally();
        await FuzzRun.CheckAsync(Requests, async request =>
        {
            var (path, post, query, body) = request;
            var url = path + (query.Length > 0 ? "?" + query : "");
            var (status, mediaType, answer) = await FuzzServer.SendAsync(_client, post ? FuzzServer.Post(url, body) : FuzzServer.Get(url));
            tally.Add($"{path} {status}");
            var what = $"{(post ? "POST" : "GET")} {url}";
            Assert.True(status is 200 or 400 or 413 || (status == 404 && (path.EndsWith("/schema") || path.EndsWith("/cutouts"))),
                $"{what}: HTTP {status}: {FuzzServer.Text(answer)}");
            if (status == 400)
            {
                Assert.True(mediaType == "application/json", $"{what}: a 400 as {mediaType}");
                var error = FuzzServer.Json(answer, what);
                var named = error.TryGetProperty("parameter", out var p) && p.ValueKind == JsonValueKind.String && p.GetString()!.Length > 0;
                var text = error.GetProperty("text").GetString()!;
                Assert.True(named || WholeRequestErrors.Any(w => text.StartsWith(w, StringComparison.Ordinal)), $"{what}: a 400 naming no parameter: {text}");
            }
            else if (status == 200 && mediaType == "application/json")
            {
                FuzzServer.Json(answer, what);
            }
        }, ci: 400, print: r => $"{(r.Post ? "POST" : "GET")} {r.Path}?{r.Query} {System.Text.Encoding.UTF8.GetString(r.Body)}");
        tally.Log();
    }
}
