using FinkTom.Core.Surveys.Lsst;

namespace FinkTom.Server.Lsst.Endpoints;

/// <summary><c>/blocks</c>: fink-filters' Rubin building blocks and what each selects (contract §2.12). GET only.</summary>
public static class BlocksEndpoint
{
    public static RouteHandlerBuilder MapLsstBlocks(this IEndpointRouteBuilder api) =>
        api.MapGet("/blocks", () => TypedResults.Json(new SortedDictionary<string, string>(
                LsstBlocks.All.ToDictionary(b => b.Name, b => b.Description), StringComparer.Ordinal)))
            .WithSummary("List the building blocks of Fink's Rubin tags");
}
