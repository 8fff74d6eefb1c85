using FinkTom.Query.Adql;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Vo.Tap;

/// <summary><c>/tap/sync</c>: runs an ADQL query within the synchronous time limit and answers its table.</summary>
public static class TapSync
{
    public static async Task<IResult> HandleAsync(HttpRequest request, TapRunner runner, IOptions<VoOptions> options, CancellationToken ct)
    {
        var parameters = await VoParameters.ReadAsync(request, ct);
        var limits = options.Value;
        TapRequest tap;
        try
        {
            tap = TapRequest.Read(parameters, limits);
        }
        catch (AdqlException e)
        {
            return VoErrors.Result(e.Message);
        }
        return await RunAsync(runner, tap, TimeSpan.FromSeconds(limits.SyncTimeoutSeconds), ct) switch
        {
            (TapResult result, _) => new TapHttpResult(result, tap.Format),
            (_, var error) => VoErrors.Result(error!),
        };
    }

    /// <summary>Runs within a time limit; the error is the message a client sees.</summary>
    public static async Task<(TapResult? Result, string? Error)> RunAsync(TapRunner runner, TapRequest tap, TimeSpan limit, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        try
        {
            return (await runner.RunAsync(tap.Query, tap.MaxRec, timeout.Token), null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return (null, $"The query ran longer than the limit of {limit.TotalSeconds:0} s; narrow it (a cone, a time range, TOP) or submit it to /tap/async.");
        }
        catch (NotSupportedException e)
        {
            return (null, $"This store cannot answer the query: {e.Message}");
        }
        catch (AdqlException e)
        {
            return (null, e.Message);
        }
    }
}
