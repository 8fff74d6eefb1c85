using FinkTom.Core.Store;
using FinkTom.Kafka;
using FinkTom.Kafka.Publish;
using FinkTom.Livestream;
using FinkTom.Livestream.Filters;
using FinkTom.Livestream.Publication;
using FinkTom.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FinkTom.Tests.Kafka;

/// <summary>
/// finktom's composition without HTTP (as `finktom ingest` builds it): the SQLite store in <c>dataDir</c>, the filters,
/// the publishing decorator and the Kafka publisher with its outbox beside the store. Several may run one after the
/// other on the same folder: that is a restart.
/// </summary>
internal sealed class PublishingHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private PublishingHost(IHost host) => _host = host;

    public static async Task<PublishingHost> StartAsync(string dataDir, string bootstrapServers, int maxQueuedMessages = 10_000,
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        var settings = new Dictionary<string, string?>(KafkaBroker.ClientSettings.ToDictionary(p => "Kafka:Client:" + p.Key, p => (string?)p.Value))
        {
            ["Store:Sqlite:DatabasePath"] = Path.Combine(dataDir, "finktom.db"),
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Kafka:Publish:MaxQueuedMessages"] = maxQueuedMessages.ToString(),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddDataFolder(builder.Configuration);
        builder.Services.AddAlertStore(builder.Configuration);
        builder.Services.AddLivestreams();
        builder.Services.AddKafka(builder.Configuration);
        builder.Services.AddTnsTagging();
        var host = builder.Build();
        await host.StartAsync();
        return new PublishingHost(host);
    }

    public IServiceProvider Services => _host.Services;
    /// <summary>The store as ingestion writes to it: through the livestreams, which record the publications owed.</summary>
    public IAlertWriter Writer => Services.GetRequiredService<IAlertWriter>();
    public KafkaLivestreamPublisher Publisher => Services.GetRequiredService<KafkaLivestreamPublisher>();
    public LivestreamOutbox Outbox => Publisher.Outbox;
    public FilterRegistry Filters => Services.GetRequiredService<FilterRegistry>();
    public KafkaTopicManager Topics => Services.GetRequiredService<KafkaTopicManager>();

    /// <summary>Creates a user filter (kept in the store's database, so the next host on the folder has it too).</summary>
    public async Task AddFilterAsync(string name, string expression) =>
        Assert.Equal(FilterChangeKind.Done, (await Filters.AddAsync(name, expression, null)).Kind);

    /// <summary>Stops within <paramref name="grace"/>: what the broker has not acknowledged by then stays undelivered.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_stopped)
            return;
        _stopped = true;
        using var hurry = new CancellationTokenSource(grace);
        await _host.StopAsync(hurry.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(30));
        _host.Dispose();
    }
}
