namespace FinkTom.Server.Api.Endpoints;

public static class CutoutsEndpoint
{
    public static void MapCutouts(this IEndpointRouteBuilder api)
    {
    }
}
