using System.Globalization;
using System.Text;
using FinkTom.Core.Api;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Core.Time;
using FinkTom.Livestream.Filters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace FinkTom.Livestream.Endpoints;

/// <summary>
/// <c>/livestream/...</c>: create, list, test and delete filters, and follow a filter over Server-Sent Events. Outside
/// <c>/api/v1</c> on purpose: that prefix is the Fink REST API contract, and Fink serves livestreams over Kafka, not HTTP.
/// Writes need an API key (<see cref="LivestreamOptions.ApiKeys"/>). The group is returned so that the host can add
/// what joins the livestreams with its transports (<c>/livestream/status</c>).
/// </summary>
public static class LivestreamEndpoints
{
    /// <summary><c>survey</c>: <c>ztf</c> (the default) or <c>lsst</c>, whose alerts and columns the filter reads.</summary>
    public sealed record FilterRequest(string? Name, string? Filter, string? Description, string? Survey = null);

    public sealed record FilterInfo(string Name, string Survey, string Filter, string? Description, bool BuiltIn, string Topic, string Stream,
        string? Refinement, DateTimeOffset? Created);

    public sealed record TestResult(string Filter, long Matches, string From, string To, double Days);

    public static RouteGroupBuilder MapLivestreams(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/livestream").WithTags("Livestreams");
        group.MapGet("/filters", async (FilterRegistry registry, CancellationToken ct) =>
            {
                await registry.SyncAsync(ct);
                return TypedResults.Ok(registry.Active.Select(Info).ToList());
            })
            .WithSummary("Every active filter (built-in and user-defined) with its Kafka topic and SSE stream");
        group.MapGet("/filters/{name}", async Task<Results<Ok<FilterInfo>, NotFound<FinkError>>> (string name, FilterRegistry registry, CancellationToken ct) =>
            {
                await registry.SyncAsync(ct);
                return registry.Find(name) is { } f ? TypedResults.Ok(Info(f)) : TypedResults.NotFound(new FinkError($"No filter named '{name}'.", "name"));
            })
            .WithSummary("One filter");
        group.MapPost("/filters", CreateAsync).WithSummary("Create a filter (needs an API key)");
        group.MapDelete("/filters/{name}", DeleteAsync).WithSummary("Delete a user-defined filter (needs an API key)");
        group.MapGet("/filters/{name}/count", CountSavedAsync)
            .WithSummary("How many stored alerts of the last `days` (default 1, before the newest stored alert) the filter matches");
        group.MapGet("/count", CountTextAsync).WithSummary("As /filters/{name}/count, for a filter text not saved yet (`filter=`, `survey=ztf|lsst`)");
        group.MapGet("/filters/{name}/stream", LivestreamSse.StreamAsync).WithSummary("The filter's new alerts as Server-Sent Events");
        return group;
    }

    private static FilterInfo Info(LivestreamFilter f) => new(f.Name, f.Survey.Name, f.Expression, f.Description, f.BuiltIn, f.Topic,
        $"/livestream/filters/{f.Name}/stream", f.Refinement?.Text, f.CreatedAt);

    private static async Task<Results<Created<FilterInfo>, BadRequest<FinkError>, Conflict<FinkError>, JsonHttpResult<FinkError>>> CreateAsync(
        FilterRequest? body, HttpContext http, FilterRegistry registry, IOptions<LivestreamOptions> options, CancellationToken ct)
    {
        if (Refuse(http, options.Value) is { } refusal)
            return refusal;
        if (body is null)
            return TypedResults.BadRequest(new FinkError("Send a JSON body {\"name\": ..., \"filter\": ..., \"description\": ...}."));
        if (!TryGetSurvey(body.Survey, out var survey, out var surveyError))
            return TypedResults.BadRequest(surveyError);
        if (string.IsNullOrWhiteSpace(body.Filter))
            return TypedResults.BadRequest(new FinkError(survey == Survey.Lsst
                ? "A filter needs its predicate, e.g. \"psfFlux gt 5000 and band eq 'r'\"."
                : "A filter needs its predicate, e.g. \"rf_snia_vs_nonia gt 0.5 and ndethist le 20\".", "filter"));
        var change = await registry.AddAsync(body.Name ?? "", body.Filter, body.Description, survey, ct);
        return change.Kind switch
        {
            FilterChangeKind.Done => TypedResults.Created($"/livestream/filters/{change.Filter!.Name}", Info(change.Filter)),
            FilterChangeKind.Conflict => TypedResults.Conflict(new FinkError(change.Error!, change.Parameter)),
            _ => TypedResults.BadRequest(new FinkError(change.Error!, change.Parameter)),
        };
    }

    private static async Task<Results<NoContent, NotFound<FinkError>, Conflict<FinkError>, JsonHttpResult<FinkError>>> DeleteAsync(
        string name, HttpContext http, FilterRegistry registry, IOptions<LivestreamOptions> options, CancellationToken ct)
    {
        if (Refuse(http, options.Value) is { } refusal)
            return refusal;
        var change = await registry.DeleteAsync(name, ct);
        return change.Kind switch
        {
            FilterChangeKind.Done => TypedResults.NoContent(),
            FilterChangeKind.Missing => TypedResults.NotFound(new FinkError(change.Error!, "name")),
            _ => TypedResults.Conflict(new FinkError(change.Error!, "name")),
        };
    }

    private static async Task<Results<Ok<TestResult>, BadRequest<FinkError>, NotFound<FinkError>>> CountSavedAsync(
        string name, string? days, FilterRegistry registry, SurveyReaders stores, IOptions<LivestreamOptions> options, CancellationToken ct)
    {
        await registry.SyncAsync(ct);
        return registry.Find(name) is { } filter
            ? await CountAsync(filter, days, stores.For(filter.Survey), options.Value, ct)
            : TypedResults.NotFound(new FinkError($"No filter named '{name}'.", "name"));
    }

    private static async Task<Results<Ok<TestResult>, BadRequest<FinkError>, NotFound<FinkError>>> CountTextAsync(
        string? filter, string? days, string? survey, FilterRegistry registry, SurveyReaders stores, IOptions<LivestreamOptions> options,
        CancellationToken ct)
    {
        if (!TryGetSurvey(survey, out var of, out var surveyError))
            return TypedResults.BadRequest(surveyError);
        if (string.IsNullOrWhiteSpace(filter))
            return TypedResults.BadRequest(new FinkError("Give the filter to test, e.g. filter=rf_snia_vs_nonia gt 0.5.", "filter"));
        var compiled = registry.Compile("test", filter, null, of, out var error);
        return error is null ? await CountAsync(compiled, days, stores.For(of), options.Value, ct) : TypedResults.BadRequest(new FinkError(error, "filter"));
    }

    /// <summary>Absent: ZTF (filters predate Rubin); otherwise one of the surveys' names.</summary>
    private static bool TryGetSurvey(string? name, out Survey survey, out FinkError? error)
    {
        survey = name is null ? Survey.Ztf : Survey.Named(name)!;
        error = survey is null
            ? new FinkError($"survey must be one of {string.Join(", ", Survey.All.Select(s => s.Name))}, not '{name}'.", "survey")
            : null;
        return error is null;
    }

    /// <summary>Counts in the store (push-down); a built-in's in-memory refinement is applied to the pushed-down matches.</summary>
    private static async Task<Results<Ok<TestResult>, BadRequest<FinkError>, NotFound<FinkError>>> CountAsync(
        LivestreamFilter filter, string? daysText, IAlertReader store, LivestreamOptions options, CancellationToken ct)
    {
        var days = options.DefaultTestDays;
        if (daysText is not null && (!double.TryParse(daysText, NumberStyles.Float, CultureInfo.InvariantCulture, out days)
                                     || !double.IsFinite(days) || days <= 0 || days > options.MaxTestDays))
            return TypedResults.BadRequest(new FinkError($"days must be a number of days in (0, {options.MaxTestDays}].", "days"));
        var statistics = await store.GetStatisticsAsync(ct);
        var axis = filter.Survey.TimeAxis; // the store's times (ZTF: JD UTC; Rubin: MJD TAI)
        var stop = statistics.LastJd ?? JulianDate.FromDateTime(DateTime.UtcNow) - axis.ToJulianDateUtc(0);
        var query = new AlertQuery { Where = filter.Predicate, Jd = new JdRange(stop - days, stop) };
        long matches;
        if (filter.Refinement is null)
        {
            matches = await store.CountAsync(query, ct);
        }
        else
        {
            matches = 0;
            await foreach (var alert in store.QueryAsync(query with { Columns = ["i:jd", "i:jdstarthist"] }, ct))
                if (filter.Refinement.Matches(alert))
                    matches++;
        }
        return TypedResults.Ok(new TestResult(filter.Expression, matches, JulianDate.ToIso(axis.ToJulianDateUtc(stop - days)),
            JulianDate.ToIso(axis.ToJulianDateUtc(stop)), days));
    }

    private static JsonHttpResult<FinkError>? Refuse(HttpContext http, LivestreamOptions options)
    {
        if (options.ApiKeys.Count == 0)
            return TypedResults.Json(new FinkError("Changing filters is disabled: the server configures Livestream:ApiKeys to allow it.", "X-Api-Key"),
                statusCode: StatusCodes.Status403Forbidden);
        var given = http.Request.Headers["X-Api-Key"].ToString();
        var authorization = http.Request.Headers.Authorization.ToString();
        if (given.Length == 0 && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            given = authorization[7..].Trim();
        if (Secrets.IsOneOf(options.ApiKeys, given))
            return null;
        return TypedResults.Json(new FinkError("An API key is required: send it in the X-Api-Key header (or Authorization: Bearer KEY).", "X-Api-Key"),
            statusCode: StatusCodes.Status401Unauthorized);
    }
}
