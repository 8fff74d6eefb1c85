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

    // Errors about the request as a whole, which name no parameter (the contract: "names the parameter when there is one").
    private static readonly string[] WholeRequestErrors =
        ["The request body", "Request body", "Give `objectId`, or `ra`, `dec` and `radius`", "You need to set parameters from the same group"];

    [Fact]
    public Task Random_requests_to_every_endpoint_are_answered_200_400_404_or_413_never_5xx() =>
        EndpointFuzz.CheckAsync(_client, ApiParameterValues.Specs, path => path == "/api/v1/cutouts", WholeRequestErrors, ci: 800);

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
}
