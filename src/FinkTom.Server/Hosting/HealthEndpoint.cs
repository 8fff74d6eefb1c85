using FinkTom.Core.Store;
using FinkTom.Core.Time;

namespace FinkTom.Server.Hosting;

public static class HealthEndpoint
{
    public sealed record Health(string Status, string Backend, long Alerts, long Objects, string? FirstAlert, string? LastAlert);

    /// <summary><c>/health</c>: 200 with the store's size when it answers, 503 when it does not.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", async Task<Results<Ok<Health>, ProblemHttpResult>> (IAlertStore store, CancellationToken ct) =>
        {
            try
            {
                var s = await store.GetStatisticsAsync(ct);
                return TypedResults.Ok(new Health("ok", s.Backend, s.Alerts, s.Objects,
                    s.FirstJd is { } f ? JulianDate.ToIso(f) : null, s.LastJd is { } l ? JulianDate.ToIso(l) : null));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Store unavailable");
            }
        }).WithTags("Service").WithSummary("Service and store health");
}
