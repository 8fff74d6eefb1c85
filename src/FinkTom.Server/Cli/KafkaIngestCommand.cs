using System.Globalization;
using FinkTom.Core.Store;
using FinkTom.Kafka;
using FinkTom.Kafka.Ingest;
using FinkTom.Kafka.Publish;
using Microsoft.Extensions.Options;

namespace FinkTom.Server.Cli;

/// <summary>
/// `finktom ingest --kafka BOOTSTRAP --topic T...`: consumes alert topics (ZTF, Fink livestream or Rubin's own stream)
/// into the configured store (and, with <c>Kafka:Publish</c> on, republishes new matching alerts to the filters'
/// topics) until Ctrl-C or an idle limit.
/// </summary>
internal static class KafkaIngestCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var topics = new List<string>();
        var rest = new List<string>();
        string? bootstrap = null;
        TimeSpan? idleExit = null;
        for (var i = 0; i < args.Length; i++)
        {
            string? Next() => i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            switch (args[i])
            {
                case "--kafka":
                    bootstrap = Next() ?? "";
                    break;
                case "--topic":
                    if (Next() is not { } topic)
                        return UsageError("--topic needs a topic name.");
                    if (KafkaTopicNames.Problem(topic) is { } badTopic)
                        return UsageError("--topic: " + badTopic);
                    topics.Add(topic);
                    break;
                case "--group":
                    rest.Add($"--Kafka:Ingest:GroupId={Next() ?? ""}");
                    break;
                case "--start-at":
                    var start = Next();
                    if (start is not ("earliest" or "latest"))
                        return UsageError("--start-at is 'earliest' or 'latest'.");
                    rest.Add($"--Kafka:Ingest:StartAt={start}");
                    break;
                case "--framing":
                    var framing = Next();
                    if (!KafkaFramings.TryParse(framing, out _))
                        return UsageError("--framing is 'auto', 'container', 'fink' or 'confluent'.");
                    rest.Add($"--Kafka:Ingest:Framing={framing}");
                    break;
                case "--schema-registry":
                    rest.Add($"--Kafka:Ingest:SchemaRegistryUrl={Next() ?? ""}");
                    break;
                case "--schema-dir":
                    if (Next() is not { } folder)
                        return UsageError("--schema-dir needs a folder.");
                    rest.Add($"--Kafka:Ingest:SchemaDirectory={Path.GetFullPath(folder)}");
                    break;
                case "--idle-exit":
                    if (!double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                        return UsageError("--idle-exit needs a positive number of seconds.");
                    idleExit = TimeSpan.FromSeconds(seconds);
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        if (string.IsNullOrWhiteSpace(bootstrap))
            return UsageError("--kafka needs the bootstrap servers (host:port[,host:port]).");
        if (topics.Count == 0)
            return UsageError("ingest --kafka needs at least one --topic.");
        if (!HostArguments.TryTranslate([.. rest], allowNoSample: false, out var hostArgs, out var positional, out var error))
            return UsageError(error!);
        if (positional.Count > 0)
            return UsageError($"ingest --kafka takes no file '{positional[0]}'.");

        using var host = IngestHost.Build([.. hostArgs, $"--Kafka:BootstrapServers={bootstrap}"], fromKafka: true);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        await host.StartAsync(cancel.Token);

        var writer = host.Services.GetRequiredService<IAlertWriter>();
        var status = host.Services.GetRequiredService<KafkaIngestStatus>();
        var options = host.Services.GetRequiredService<IOptions<KafkaOptions>>().Value;
        var logger = host.Services.GetRequiredService<ILogger<KafkaAlertIngestor>>();
        await new KafkaAlertIngestor(writer, options, status, logger).RunAsync(topics, cancel.Token, idleExit);
        var livestream = "not published (Kafka:Publish:Enabled is false)";
        if (host.Services.GetService<KafkaLivestreamPublisher>() is null)
            await host.StopAsync();
        else
            livestream = await IngestPublication.FinishAsync(host); // waits for the broker's acknowledgements, then stops

        var s = status.Snapshot();
        Console.WriteLine($"messages:   {s.Messages} read, {s.Poison} undecodable");
        Console.WriteLine($"alerts:     {s.Stored} stored, {s.Duplicates} duplicates");
        Console.WriteLine($"livestream: {livestream}");
        if (s.LastPoison is { } poison)
            Console.WriteLine($"last undecodable: {poison}");
        return s.Poison > 0 ? 2 : 0;
    }

    private static int UsageError(string message)
    {
        Console.Error.WriteLine($"{message}\n\n{FinkTomCli.Usage}");
        return 1;
    }
}
