using FinkTom.Server.Formats;

namespace FinkTom.Server.Vo.Uws;

/// <summary>
/// UWS 1.1 at <c>/tap/async</c>: POST creates a job (PHASE=RUN starts it) and redirects to it; the job's document, its
/// phase (POST PHASE=RUN or ABORT), results, error, parameters, execution duration, destruction time and owner are
/// sub-resources; DELETE (or POST ACTION=DELETE) removes it. GET on a job with WAIT=n blocks until its phase changes.
/// </summary>
public static class UwsEndpoints
{
    /// <summary>Longest a WAIT blocks, seconds, whatever the client asks.</summary>
    public const int MaxWaitSeconds = 60;

    public static void MapUwsJobs(this RouteGroupBuilder tap, string path)
    {
        var jobs = tap.MapGroup(path);
        jobs.MapGet("", (HttpRequest request, UwsJobs all) => VoApi.Xml(UwsDocuments.List(all.All, Url(request))));
        jobs.MapPost("", CreateAsync);
        jobs.MapGet("/{id}", ShowAsync);
        jobs.MapPost("/{id}", ActAsync);
        jobs.MapDelete("/{id}", (string id, HttpRequest request, UwsJobs all) => WithJob(all, id, job =>
        {
            all.Delete(job);
            return See(Url(request));
        }));
        jobs.MapGet("/{id}/phase", (string id, UwsJobs all) => WithJob(all, id, job => TypedResults.Text(job.Phase.ToString())));
        jobs.MapPost("/{id}/phase", SetPhaseAsync);
        jobs.MapGet("/{id}/results", (string id, HttpRequest request, UwsJobs all) =>
            WithJob(all, id, job => VoApi.Xml(UwsDocuments.Results(job, JobUrl(request, id)))));
        jobs.MapGet("/{id}/results/result", (string id, UwsJobs all) => WithJob(all, id, job => job.Result is { } result
            ? TypedResults.PhysicalFile(result.Path, result.ContentType)
            : VoErrors.Result($"Job {id} has no result: it is {job.Phase}.", StatusCodes.Status404NotFound)));
        jobs.MapGet("/{id}/error", (string id, UwsJobs all) => WithJob(all, id, job => job.Error is { } error
            ? TypedResults.Text(VoErrors.Document(error), VoErrors.VoTableContentType, System.Text.Encoding.UTF8)
            : VoErrors.Result($"Job {id} has no error: it is {job.Phase}.", StatusCodes.Status404NotFound)));
        jobs.MapGet("/{id}/parameters", (string id, UwsJobs all) => WithJob(all, id, job => VoApi.Xml(UwsDocuments.ParametersDocument(job))));
        jobs.MapPost("/{id}/parameters", SetParametersAsync);
        jobs.MapGet("/{id}/executionduration", (string id, UwsJobs all) => WithJob(all, id, job => TypedResults.Text(job.ExecutionSeconds.ToString())));
        jobs.MapPost("/{id}/executionduration", SetDurationAsync);
        jobs.MapGet("/{id}/destruction", (string id, UwsJobs all) => WithJob(all, id, job => TypedResults.Text(UwsDocuments.Time(job.Destruction))));
        jobs.MapPost("/{id}/destruction", SetDestructionAsync);
        jobs.MapGet("/{id}/quote", (string id, UwsJobs all) => WithJob(all, id, _ => TypedResults.Text("")));
        jobs.MapGet("/{id}/owner", (string id, UwsJobs all) => WithJob(all, id, _ => TypedResults.Text("")));
    }

    private static string Url(HttpRequest request) => VoApi.TapUrl(request) + "/async";

    private static string JobUrl(HttpRequest request, string id) => $"{Url(request)}/{id}";

    // UWS answers state changes with 303 See Other to the resource to read next.
    private static IResult See(string url) => new SeeOther(url);

    private sealed class SeeOther(string url) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = url;
            return Task.CompletedTask;
        }
    }

    private static IResult WithJob(UwsJobs all, string id, Func<UwsJob, IResult> action) => all.Find(id) is { } job ? action(job) : NotFound(id);

    private static IResult NotFound(string id) =>
        VoErrors.Result($"No job '{id}' (it may have been deleted or have expired).", StatusCodes.Status404NotFound);

    private static async Task<IResult> CreateAsync(HttpRequest request, UwsJobs all, CancellationToken ct)
    {
        var parameters = await VoParameters.ReadAsync(request, ct);
        var kept = parameters.All.Where(p => !p.Key.Equals("PHASE", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => p.Key.ToUpperInvariant(), p => p.Value);
        if (all.Create(kept) is not { } job)
            return VoErrors.Result($"The service already keeps {all.Limits.MaxJobs} jobs; delete finished ones first.", StatusCodes.Status503ServiceUnavailable);
        if (parameters["PHASE"] is { } phase && phase.Equals("RUN", StringComparison.OrdinalIgnoreCase))
            all.Start(job);
        return See(JobUrl(request, job.Id));
    }

    private static async Task<IResult> ShowAsync(string id, HttpRequest request, UwsJobs all, CancellationToken ct)
    {
        if (all.Find(id) is not { } job)
            return NotFound(id);
        // UWS 1.1 blocking: with WAIT=n, wait (at most n seconds) while the job is active, or while it is still in the
        // PHASE the client names.
        if (int.TryParse(request.Query["WAIT"], out var seconds))
        {
            var expected = request.Query["PHASE"].ToString();
            if (expected.Length == 0 ? job.IsActive : expected.Equals(job.Phase.ToString(), StringComparison.OrdinalIgnoreCase) && (job.IsActive || job.Phase == UwsPhase.PENDING))
                await job.WaitForChangeAsync(TimeSpan.FromSeconds(seconds < 0 ? MaxWaitSeconds : Math.Min(seconds, MaxWaitSeconds)), ct);
        }
        return VoApi.Xml(UwsDocuments.Job(job, JobUrl(request, id)));
    }

    private static async Task<IResult> ActAsync(string id, HttpRequest request, UwsJobs all, CancellationToken ct)
    {
        var parameters = await VoParameters.ReadAsync(request, ct);
        if (all.Find(id) is not { } job)
            return NotFound(id);
        if (parameters["ACTION"] is { } action && action.Equals("DELETE", StringComparison.OrdinalIgnoreCase))
        {
            all.Delete(job);
            return See(Url(request));
        }
        return VoErrors.Result("POST on a job takes ACTION=DELETE; change its phase at /phase.");
    }

    private static async Task<IResult> SetPhaseAsync(string id, HttpRequest request, UwsJobs all, CancellationToken ct)
    {
        var parameters = await VoParameters.ReadAsync(request, ct);
        if (all.Find(id) is not { } job)
            return NotFound(id);
        switch (parameters["PHASE"]?.ToUpperInvariant())
        {
            case "RUN":
                all.Start(job);
                break;
            case "ABORT":
                all.Abort(job);
                break;
            default:
                return VoErrors.Result($"PHASE must be RUN or ABORT, not '{parameters["PHASE"]}'.");
        }
        return See(JobUrl(request, id));
    }

    private static async Task<IResult> SetParametersAsync(string id, HttpRequest request, UwsJobs all, CancellationToken ct)
    {
        var parameters = await VoParameters.ReadAsync(request, ct);
        if (all.Find(id) is not { } job)
            return NotFound(id);
        if (job.Phase != UwsPhase.PENDING)
            return VoErrors.Result($"Parameters can change only while the job is PENDING; it is {job.Phase}.", StatusCodes.Status409Conflict);
        var merged = job.Parameters.ToDictionary(p => p.Key, p => p.Value);
        foreach (var (key, value) in parameters.All)
            merged[key.ToUpperInvariant()] = value;
        job.Parameters = merged;
        return See(JobUrl(request, id));
    }

    private static async Task<IResult> SetDurationAsync(string id, HttpRequest request, UwsJobs all, CancellationToken ct)
    {
        var parameters = await VoParameters.ReadAsync(request, ct);
        if (all.Find(id) is not { } job)
            return NotFound(id);
        if (!int.TryParse(parameters["EXECUTIONDURATION"], out var seconds) || seconds < 0)
            return VoErrors.Result("EXECUTIONDURATION must be a whole number of seconds.");
        // 0 means "no limit" in UWS; the service's own limit still applies.
        job.ExecutionSeconds = seconds == 0 ? all.Limits.AsyncTimeoutSeconds : Math.Min(seconds, all.Limits.AsyncTimeoutSeconds);
        return See(JobUrl(request, id));
    }

    private static async Task<IResult> SetDestructionAsync(string id, HttpRequest request, UwsJobs all, CancellationToken ct)
    {
        var parameters = await VoParameters.ReadAsync(request, ct);
        if (all.Find(id) is not { } job)
            return NotFound(id);
        if (!DateTimeOffset.TryParse(parameters["DESTRUCTION"], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
            return VoErrors.Result("DESTRUCTION must be an ISO 8601 date-time.");
        // Earlier is allowed; later than the retention period is not.
        var latest = job.Created.AddHours(all.Limits.JobRetentionHours);
        job.Destruction = time < latest ? time : latest;
        return See(JobUrl(request, id));
    }
}
