using FinkTom.Core.Store;
using FinkTom.Livestream.Filters;
using FinkTom.Livestream.Publication;
using FinkTom.Livestream.Replay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FinkTom.Livestream;

public static class LivestreamRegistration
{
    /// <summary>
    /// Livestreams from the <c>Livestream</c> section: filters (Fink's built-ins and the users', kept in SQLite or, when the store registered an <see cref="IFilterStore"/>, there), matching
    /// of every newly stored alert, and the subscriptions the SSE streams read (mapped by <c>MapLivestreams</c>). Call
    /// after the store: it wraps the registered <see cref="IAlertWriter"/> in a <see cref="LivestreamWriter"/>. A
    /// transport (FinkTom.Kafka) registers a <see cref="PublicationHandoff"/> to publish what the writer records.
    /// </summary>
    public static IServiceCollection AddLivestreams(this IServiceCollection services)
    {
        services.AddOptions<LivestreamOptions>().BindConfiguration(LivestreamOptions.SectionName)
            .PostConfigure<IOptions<DataFolderOptions>>((o, data) =>
            {
                if (string.IsNullOrWhiteSpace(o.FiltersDatabasePath))
                    o.FiltersDatabasePath = data.Value.PathOf("livestream.db");
                if (string.IsNullOrWhiteSpace(o.JournalPath))
                    o.JournalPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(o.FiltersDatabasePath))!, "livestream-journal.db");
            })
            .Validate(o => double.IsFinite(o.ReplayHours) && o.ReplayHours > 0, "Livestream:ReplayHours must be a positive number of hours.")
            .Validate(o => double.IsFinite(o.SharedFiltersRefreshSeconds) && o.SharedFiltersRefreshSeconds is >= 0 and <= 3600,
                "Livestream:SharedFiltersRefreshSeconds must be a number of seconds in 0..3600.")
            .Validate(o => o.ReplayMaxEvents is > 0 and <= 100_000, "Livestream:ReplayMaxEvents must be in 1..100000.")
            .ValidateOnStart();
        services.AddSingleton(sp => new FilterRepository(sp.GetRequiredService<IOptions<LivestreamOptions>>().Value.FiltersDatabasePath));
        // The instance's own SQLite file, unless the store registered a shared one (Elasticsearch: in the cluster).
        services.TryAddSingleton<IFilterStore>(sp => sp.GetRequiredService<FilterRepository>());
        services.AddSingleton<FilterRegistry>();
        services.AddSingleton<AlertSubscriptions>();
        services.AddSingleton<LivestreamStatus>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LivestreamOptions>>().Value;
            return new MatchJournal(options.JournalPath, TimeSpan.FromHours(options.ReplayHours), sp.GetService<TimeProvider>());
        });
        services.AddSingleton<LivestreamHub>();
        services.AddSingleton<SseReplay>();
        services.AddHostedService<FilterLoader>(); // before any consumer a transport adds
        DecorateWriter(services);
        return services;
    }

    private static void DecorateWriter(IServiceCollection services)
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(IAlertWriter))
            ?? throw new InvalidOperationException("Register the alert store before the livestreams.");
        services.Remove(original);
        services.AddSingleton<IAlertWriter>(sp => new LivestreamWriter(Create(original, sp), sp.GetRequiredService<LivestreamHub>(),
            sp.GetService<PublicationHandoff>()));
    }

    private static IAlertWriter Create(ServiceDescriptor descriptor, IServiceProvider services) => (IAlertWriter)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
