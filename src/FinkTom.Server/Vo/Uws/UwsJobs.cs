using System.Collections.Concurrent;
using FinkTom.Core.Store;
using FinkTom.Query.Adql;
using FinkTom.Server.Vo.Tap;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Vo.Uws;

/// <summary>
/// The asynchronous TAP jobs: kept in memory (a restart forgets them), results written to <c>tap-jobs/</c> in the data
/// folder and deleted with their job at its destruction time (<see cref="VoOptions.JobRetentionHours"/> after creation;
/// a forgotten job's file once it is that old).
/// Every job runs within <see cref="VoOptions.AsyncTimeoutSeconds"/>.
/// </summary>
public sealed class UwsJobs(TapRunner runner, IOptions<VoOptions> options, IOptions<DataFolderOptions> data, TimeProvider clock, ILogger<UwsJobs> log)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, UwsJob> _jobs = new(StringComparer.Ordinal);
    private readonly string _folder = Path.GetFullPath(data.Value.PathOf("tap-jobs"));

    public VoOptions Limits => options.Value;

    public DateTimeOffset Now => clock.GetUtcNow();

    public IEnumerable<UwsJob> All => _jobs.Values.OrderBy(j => j.Created);

    public UwsJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>A new PENDING job, or null when <see cref="VoOptions.MaxJobs"/> jobs are kept already.</summary>
    public UwsJob? Create(IReadOnlyDictionary<string, string> parameters)
    {
        if (_jobs.Count >= Limits.MaxJobs)
            return null;
        var now = Now;
        var job = new UwsJob(Guid.NewGuid().ToString("N")[..16], parameters, now, now.AddHours(Limits.JobRetentionHours), Limits.AsyncTimeoutSeconds);
        _jobs[job.Id] = job;
        return job;
    }

    /// <summary>PENDING → QUEUED, then runs in the background.</summary>
    public void Start(UwsJob job)
    {
        if (job.MoveTo(UwsPhase.QUEUED, Now))
            _ = Task.Run(() => RunAsync(job));
    }

    public void Abort(UwsJob job)
    {
        job.Cancel.Cancel();
        job.MoveTo(UwsPhase.ABORTED, Now);
    }

    public void Delete(UwsJob job)
    {
        Abort(job);
        if (_jobs.TryRemove(job.Id, out _) && job.Result is { } result)
            TryDelete(result.Path);
    }

    private async Task RunAsync(UwsJob job)
    {
        if (!job.MoveTo(UwsPhase.EXECUTING, Now))
            return;
        try
        {
            var tap = TapRequest.Read(VoParameters.Of(job.Parameters), Limits);
            var (result, error) = await TapSync.RunAsync(runner, tap, TimeSpan.FromSeconds(job.ExecutionSeconds), job.Cancel.Token);
            if (result is null)
            {
                job.MoveTo(UwsPhase.ERROR, Now, error: error);
                return;
            }
            Directory.CreateDirectory(_folder);
            var path = Path.Combine(_folder, $"{job.Id}.{TapFormats.Extension(tap.Format)}");
            await using (var file = File.Create(path))
                await TapFormats.WriteAsync(result, tap.Format, file, job.Cancel.Token);
            if (!job.MoveTo(UwsPhase.COMPLETED, Now, result: (path, TapFormats.ContentType(tap.Format))))
                TryDelete(path);
        }
        catch (AdqlException e)
        {
            job.MoveTo(UwsPhase.ERROR, Now, error: e.Message);
        }
        catch (OperationCanceledException) when (job.Cancel.IsCancellationRequested)
        {
            job.MoveTo(UwsPhase.ABORTED, Now);
        }
        catch (Exception e)
        {
            log.LogError(e, "TAP job {Job} failed", job.Id);
            job.MoveTo(UwsPhase.ERROR, Now, error: "The query failed inside the service; its log has the details.");
        }
    }

    // Destroys expired jobs once a minute. Result files no job knows (left by an earlier run: jobs live in memory) are
    // deleted once older than the retention period, so servers sharing a data folder never delete each other's.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        try
        {
            do
            {
                foreach (var job in _jobs.Values.Where(j => j.Destruction <= Now))
                    Delete(job);
                SweepOrphans();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
        foreach (var job in _jobs.Values)
            job.Cancel.Cancel();
    }

    private void SweepOrphans()
    {
        if (!Directory.Exists(_folder))
            return;
        var known = _jobs.Values.Select(j => j.Result?.Path).ToHashSet(StringComparer.Ordinal);
        var cutoff = Now.AddHours(-Limits.JobRetentionHours).UtcDateTime;
        foreach (var file in Directory.EnumerateFiles(_folder))
            if (!known.Contains(file) && File.GetLastWriteTimeUtc(file) < cutoff)
                TryDelete(file);
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException e)
        {
            log.LogWarning(e, "Could not delete TAP job result {Path}", path);
        }
    }
}
