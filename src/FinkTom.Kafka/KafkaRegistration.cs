using FinkTom.Core.Store;
using FinkTom.Kafka.Ingest;
using FinkTom.Kafka.Livestream;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FinkTom.Kafka;

public static class KafkaRegistration
{
    /// <summary>
    /// Livestreams (filters, SSE subscriptions, Kafka publication when <c>Kafka:BootstrapServers</c> is set) and Kafka
    /// ingestion when <c>Kafka:Ingest:Topics</c> lists topics. Wraps the already registered <see cref="IAlertWriter"/>
    /// in a <see cref="LivestreamWriter"/>; the caller registers <see cref="IFilterRepository"/> and
    /// <see cref="IFilterLanguage"/>. <paramref name="consume"/>: false never consumes (file ingestion that publishes).
    /// </summary>
    public static IServiceCollection AddKafkaLivestreams(this IServiceCollection services, IConfiguration configuration, bool consume = true)
    {
        services.AddOptions<KafkaOptions>().BindConfiguration(KafkaOptions.SectionName)
            .Validate(o => o.Ingest.BatchSize is > 0 and <= 100_000, "Kafka:Ingest:BatchSize must be between 1 and 100000.")
            .Validate(o => o.Publish.MaxQueuedMessages > 0, "Kafka:Publish:MaxQueuedMessages must be positive.")
            .Validate(o => o.Ingest.Topics.Count == 0 || o.Enabled, "Kafka:Ingest:Topics needs Kafka:BootstrapServers.")
            .ValidateOnStart();
        var options = configuration.GetSection(KafkaOptions.SectionName).Get<KafkaOptions>() ?? new KafkaOptions();

        services.AddSingleton<FilterRegistry>();
        services.AddSingleton<AlertSubscriptions>();
        services.AddSingleton<LivestreamStatus>();
        services.AddSingleton<KafkaIngestStatus>();
        services.AddHostedService<FilterLoader>();
        var publish = options.Enabled && options.Publish.Enabled;
        if (publish)
        {
            services.AddSingleton(sp => new LivestreamOutbox(sp.GetRequiredService<IOptions<KafkaOptions>>().Value.Publish.OutboxPath is { Length: > 0 } path
                ? path : Path.Combine("finktom-data", "livestream-outbox.db")));
            services.AddSingleton<KafkaLivestreamPublisher>();
            services.AddHostedService(sp => sp.GetRequiredService<KafkaLivestreamPublisher>());
        }
        services.AddSingleton(sp => new LivestreamHub(sp.GetRequiredService<FilterRegistry>(), sp.GetRequiredService<AlertSubscriptions>(),
            sp.GetRequiredService<LivestreamStatus>(), publish ? sp.GetRequiredService<KafkaLivestreamPublisher>() : null));
        DecorateWriter(services);
        if (consume && options.Enabled && options.Ingest.Topics.Count > 0)
            services.AddHostedService<KafkaIngestService>();
        return services;
    }

    private static void DecorateWriter(IServiceCollection services)
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(IAlertWriter))
            ?? throw new InvalidOperationException("Register the alert store before the livestreams.");
        services.Remove(original);
        services.AddSingleton<IAlertWriter>(sp => new LivestreamWriter(Create(original, sp), sp.GetRequiredService<LivestreamHub>()));
    }

    private static IAlertWriter Create(ServiceDescriptor descriptor, IServiceProvider services) => (IAlertWriter)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
