using FinkTom.Core.Store;
using FinkTom.Ingest.Pipeline;

namespace FinkTom.Server.Cli;

/// <summary>`finktom ingest PATH...`: loads alert files into the configured store and reports what happened.</summary>
internal static class IngestCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--kafka"))
            return await KafkaIngestCommand.RunAsync(args);
        var batchSize = new IngestionOptions().BatchSize;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--batch-size")
            {
                if (i + 1 >= args.Length || !int.TryParse(args[++i], out batchSize) || batchSize < 1)
                    return UsageError("--batch-size needs a positive whole number.");
            }
            else
            {
                rest.Add(args[i]);
            }
        }
        if (!HostArguments.TryTranslate([.. rest], allowNoSample: false, out var hostArgs, out var paths, out var error))
            return UsageError(error!);
        if (paths.Count == 0)
            return UsageError("ingest needs at least one file or folder.");

        using var host = IngestHost.Build(hostArgs, fromKafka: false);
        // With Kafka output configured (as for `serve`), new matching alerts go to the filters' topics.
        var publishing = IngestHost.PublishesToKafka(host.Services.GetRequiredService<IConfiguration>());
        var writer = host.Services.GetRequiredService<IAlertWriter>();

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        if (publishing)
            await host.StartAsync(cancel.Token);
        var bar = Console.IsOutputRedirected ? null : new ConsoleProgressBar();
        var report = await new AlertIngestionPipeline(writer, new IngestionOptions { BatchSize = batchSize })
            .IngestAsync(paths, bar, cancel.Token);
        bar?.Finish();
        var livestream = publishing ? await IngestPublication.FinishAsync(host) : "not published (no Kafka:BootstrapServers configured)";

        var statistics = await host.Services.GetRequiredService<IAlertReader>().GetStatisticsAsync();
        Console.WriteLine($"files:      {report.FilesRead} read, {report.FilesRejected} rejected (of {report.FilesFound} found)");
        Console.WriteLine($"alerts:     {report.AlertsRead} read, {report.Stored} stored, {report.Duplicates} duplicates, {report.AlertsRejected} rejected");
        Console.WriteLine($"speed:      {report.AlertsPerSecond:N0} alerts/s ({report.Elapsed.TotalSeconds:F1} s)");
        Console.WriteLine($"store:      {statistics.Alerts} alerts of {statistics.Objects} objects in {statistics.Location}");
        var rubin = await host.Services.GetRequiredKeyedService<IAlertReader>(Hosting.SurveyStores.Lsst).GetStatisticsAsync();
        if (rubin.Alerts > 0)
            Console.WriteLine($"rubin:      {rubin.Alerts} alerts of {rubin.Objects} objects in {rubin.Location}");
        Console.WriteLine($"livestream: {livestream}");
        foreach (var rejection in report.Rejections)
            Console.WriteLine($"rejected:   {rejection.File}{(rejection.RecordIndex is { } r ? $" (record {r})" : "")}: {rejection.Reason}");
        return report.Rejections.Count > 0 ? 2 : 0;
    }

    private static int UsageError(string message)
    {
        Console.Error.WriteLine($"{message}\n\n{FinkTomCli.Usage}");
        return 1;
    }
}
