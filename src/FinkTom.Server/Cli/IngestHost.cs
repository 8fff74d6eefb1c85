using FinkTom.Kafka;
using FinkTom.Livestream;
using FinkTom.Server.Hosting;

namespace FinkTom.Server.Cli;

/// <summary>
/// The one host of `finktom ingest`, from files or from Kafka (no web server): the data folder and the store and, when
/// Kafka is involved, the livestreams with Kafka output through an outbox of their own (<see cref="OutboxFile"/>), so
/// that a running `finktom serve` keeps its one.
/// </summary>
internal static class IngestHost
{
    public const string OutboxFile = "livestream-outbox-ingest.db";

    /// <param name="hostArgs">Configuration arguments (<see cref="HostArguments"/>).</param>
    /// <param name="fromKafka">`ingest --kafka`: livestreams always, and the console log (progress every 10 s). From files:
    /// livestreams only with Kafka output configured (as for `serve`), and no log (the progress bar owns the terminal).</param>
    public static IHost Build(string[] hostArgs, bool fromKafka)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = hostArgs,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (!fromKafka)
            builder.Logging.ClearProviders();
        builder.Services.AddDataFolder(builder.Configuration);
        builder.Services.AddAlertStore(builder.Configuration);
        if (fromKafka || PublishesToKafka(builder.Configuration))
        {
            builder.Services.AddLivestreams();
            builder.Services.AddKafka(builder.Configuration, OutboxFile, consume: fromKafka);
        }
        builder.Services.AddTnsTagging(); // last: raw ZTF alerts are tagged before the livestreams match them
        return builder.Build();
    }

    /// <summary>Kafka output is configured (<c>Kafka:BootstrapServers</c>, and <c>Kafka:Publish:Enabled</c> not false).</summary>
    public static bool PublishesToKafka(IConfiguration configuration) =>
        (configuration.GetSection(KafkaOptions.SectionName).Get<KafkaOptions>() ?? new KafkaOptions()) is { Enabled: true, Publish.Enabled: true };
}
