using FinkTom.Core.Store;
using FinkTom.Ingest.Pipeline;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Hosting;

public static class SampleIngestion
{
    public static IServiceCollection AddSampleIngestion(this IServiceCollection services)
    {
        services.AddOptions<SampleOptions>().BindConfiguration(SampleOptions.SectionName);
        services.AddHostedService<SampleIngestionService>();
        return services;
    }
}

/// <summary>
/// On start-up with an empty store (ZTF's or Rubin's), ingests the bundled real sample alerts so that a new user has data at once.
/// Runs before the server starts listening (hosted services start first), so the first request sees the samples.
/// </summary>
internal sealed class SampleIngestionService(IAlertReader reader, [FromKeyedServices(SurveyStores.Lsst)] IAlertReader lsst,
    IAlertWriter writer, IOptions<SampleOptions> options, ILogger<SampleIngestionService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var samples = options.Value;
        // Either survey empty (a store made before Rubin samples were shipped has ZTF only): stored alerts are skipped as duplicates.
        if (!samples.IngestOnEmptyStore
            || ((await reader.GetStatisticsAsync(cancellationToken)).Alerts > 0 && (await lsst.GetStatisticsAsync(cancellationToken)).Alerts > 0))
            return;
        if (!Directory.Exists(samples.Path))
        {
            logger.LogWarning("Store is empty and the sample folder {Path} does not exist: starting without data", samples.Path);
            return;
        }
        var report = await new AlertIngestionPipeline(writer).IngestAsync([samples.Path], cancellationToken: cancellationToken);
        logger.LogInformation("Ingested the sample alerts from {Path}: {Stored} stored from {Read} read in {Files} files ({Rejected} rejected) in {Seconds:F1} s",
            samples.Path, report.Stored, report.AlertsRead, report.FilesRead, report.Rejections.Count, report.Elapsed.TotalSeconds);
        foreach (var rejection in report.Rejections)
            logger.LogWarning("Rejected {File}: {Reason}", rejection.File, rejection.Reason);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
