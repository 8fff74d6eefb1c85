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

    [Fact]
    public Task Random_requests_to_every_lsst_endpoint_are_answered_200_400_404_or_413_never_5xx() =>
        EndpointFuzz.CheckAsync(_client, Specs, path => path.EndsWith("/schema", StringComparison.Ordinal) || path.EndsWith("/cutouts", StringComparison.Ordinal),
            ["The request body", "Request body"], ci: 400);
}
