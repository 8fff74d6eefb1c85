using FinkTom.Core.Store;
using FinkTom.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinkTom.Tests.Livestream;

/// <summary>The real server on a temp SQLite file with the sample alerts, filter writes allowed with <see cref="ApiKey"/>,
/// no Kafka. Extra settings (Kafka) can be given by the Kafka tests.</summary>
public class LivestreamFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-livestream-key";

    private readonly IReadOnlyDictionary<string, string?>? settings;
    private readonly bool samples;

    public LivestreamFactory() : this(null, samples: true)
    {
    }

    protected LivestreamFactory(IReadOnlyDictionary<string, string?>? settings, bool samples)
    {
        this.settings = settings;
        this.samples = samples;
    }

    private readonly TempDirectory _data = new();

    public string DatabasePath => Path.Combine(_data.Path, "finktom.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Store:Sqlite:DatabasePath", DatabasePath);
        builder.UseSetting("Samples:Path", TestPaths.Samples);
        builder.UseSetting("Samples:IngestOnEmptyStore", samples ? "true" : "false");
        builder.UseSetting("Livestream:ApiKeys:0", ApiKey);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
    }

    /// <summary>The store as the endpoints read it.</summary>
    public IAlertReader Store => Services.GetRequiredService<IAlertReader>();

    /// <summary>The store as ingestion writes to it (through the livestreams).</summary>
    public IAlertWriter Writer => Services.GetRequiredService<IAlertWriter>();

    public HttpClient WriterClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _data.Dispose();
    }
}
