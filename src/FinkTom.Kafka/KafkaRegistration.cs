using FinkTom.Core.Store;
using FinkTom.Kafka.Ingest;
using FinkTom.Kafka.Publish;
using FinkTom.Livestream.Publication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FinkTom.Kafka;

public static class KafkaRegistration
{
    /// <summary>
    /// Kafka in and out, from the <c>Kafka</c> section: the livestreams published to their topics when
    /// <c>Kafka:BootstrapServers</c> is set (the outbox, its <see cref="PublicationHandoff"/> and the publisher), and the
    /// alert streams consumed when <c>Kafka:Ingest:Topics</c> lists topics. Call after <c>AddLivestreams</c>.
    /// <paramref name="outboxFile"/>: the outbox's file in the data folder when <c>Kafka:Publish:OutboxPath</c> is not
    /// set (each publishing process needs its own); <paramref name="consume"/>: false never consumes (file ingestion
    /// that publishes).
    /// </summary>
    public static IServiceCollection AddKafka(this IServiceCollection services, IConfiguration configuration,
        string outboxFile = "livestream-outbox.db", bool consume = true)
    {
        services.AddOptions<KafkaOptions>().BindConfiguration(KafkaOptions.SectionName)
            .PostConfigure<IOptions<DataFolderOptions>>((o, data) =>
            {
                if (string.IsNullOrWhiteSpace(o.Publish.OutboxPath))
                    o.Publish.OutboxPath = data.Value.PathOf(outboxFile);
            })
            .Validate(o => o.Ingest.BatchSize is > 0 and <= 100_000, "Kafka:Ingest:BatchSize must be between 1 and 100000.")
            .Validate(o => o.Publish.MaxQueuedMessages > 0, "Kafka:Publish:MaxQueuedMessages must be positive.")
            .Validate(o => o.Ingest.Topics.Count == 0 || o.Enabled, "Kafka:Ingest:Topics needs Kafka:BootstrapServers.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KafkaOptions>, FramingValidation>();
        var options = configuration.GetSection(KafkaOptions.SectionName).Get<KafkaOptions>() ?? new KafkaOptions();

        services.AddSingleton<KafkaIngestStatus>();
        if (options.Enabled && options.Publish.Enabled)
        {
            services.AddSingleton(sp => new LivestreamOutbox(Options(sp).Publish.OutboxPath));
            services.AddSingleton(sp => new PublicationHandoff(sp.GetRequiredService<LivestreamOutbox>(), Options(sp).Publish.MaxQueuedMessages));
            services.AddSingleton<StoredPackets>();
            services.AddSingleton<KafkaLivestreamPublisher>();
            services.AddHostedService(sp => sp.GetRequiredService<KafkaLivestreamPublisher>());
            services.AddSingleton<KafkaTopicManager>();
            services.AddSingleton<ILivestreamTopics>(sp => sp.GetRequiredService<KafkaTopicManager>());
            services.AddHostedService<FilterTopicsAtStart>();
        }
        if (consume && options.Enabled && options.Ingest.Topics.Count > 0)
            services.AddHostedService<KafkaIngestService>();
        return services;
    }

    private static KafkaOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<KafkaOptions>>().Value;

    /// <summary><c>Kafka:Ingest</c> (topic names, framing, schema sources) and <c>Kafka:Livestream</c>, each message naming the value at fault.</summary>
    private sealed class FramingValidation : IValidateOptions<KafkaOptions>
    {
        public ValidateOptionsResult Validate(string? name, KafkaOptions options) =>
            options.Ingest.FramingProblems().Concat(options.Livestream.Problems()).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
