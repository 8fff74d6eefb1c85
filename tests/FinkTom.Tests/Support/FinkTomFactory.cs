using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinkTom.Tests.Support;

/// <summary>
/// The real server (real SQLite file in a temp folder) with the bundled sample alerts ingested at start-up,
/// exactly as `finktom serve` does on first start. Shared by the API test classes through <see cref="ApiCollection"/>.
/// </summary>
public sealed class FinkTomFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();
    private List<Alert>? _allAlerts;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Store:Sqlite:DatabasePath", Path.Combine(_data.Path, "finktom.db"));
        builder.UseSetting("Samples:Path", TestPaths.Samples);
    }

    /// <summary>The store as the endpoints read it.</summary>
    public IAlertReader Store => Services.GetRequiredService<IAlertReader>();

    /// <summary>The store as ingestion writes to it (through the livestreams).</summary>
    public IAlertWriter Writer => Services.GetRequiredService<IAlertWriter>();

    /// <summary>Every stored alert, read straight from the store: the reference the API answers are checked against.</summary>
    public async Task<List<Alert>> AllAlertsAsync()
    {
        if (_allAlerts is null)
        {
            var all = new List<Alert>();
            await foreach (var alert in Store.QueryAsync(new AlertQuery()))
                all.Add(alert);
            _allAlerts = all;
        }
        return _allAlerts;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<FinkTomFactory>
{
    public const string Name = "FinkTom API on the sample alerts";
}
