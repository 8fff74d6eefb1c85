using FinkTom.Core.Query;
using FinkTom.Server.Lsst.Endpoints;
using FinkTom.Core.Surveys;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Support;
using FinkTom.Tests.Surveys.Lsst;
using Microsoft.Data.Sqlite;

namespace FinkTom.Tests.Store;

/// <summary>A database file made before a survey's catalogue grew (Rubin's orbit columns came later) still opens:
/// the missing columns are added, older alerts read null there, new alerts fill them.</summary>
public sealed class SqliteCatalogGrowthTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task A_file_without_the_newer_columns_opens_keeps_its_alerts_and_stores_new_ones_in_full()
    {
        var options = new SqliteStoreOptions { DatabasePath = Path.Combine(_folder.Path, "finktom.db") };
        var rubin = LsstSamples.Read(LsstSamples.DataTransfer);
        var asteroid = rubin.First(a => a["r:a"] is double);
        using (var store = new SqliteAlertStore(options, Survey.Lsst))
            await store.WriteAsync(rubin.Where(a => a != asteroid).ToList(), TestContext.Current.CancellationToken);
        using (var connection = new SqliteConnection($"Data Source={options.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "ALTER TABLE lsst_alerts DROP COLUMN \"r_a\"; ALTER TABLE lsst_alerts DROP COLUMN \"r_epoch_mjd\";";
            drop.ExecuteNonQuery(); // as an older FinkTom made it
        }

        using var reopened = new SqliteAlertStore(options, Survey.Lsst);
        Assert.Equal(6, await reopened.CountAsync(new AlertQuery(), TestContext.Current.CancellationToken));
        Assert.Equal(1, (await reopened.WriteAsync([asteroid], TestContext.Current.CancellationToken)).Stored);
        var back = await reopened.ReadAsync(new AlertQuery { Candid = asteroid.Id }, TestContext.Current.CancellationToken);
        Assert.Equal(asteroid["r:a"], Assert.Single(back)["r:a"]);
        Assert.Equal(asteroid["r:epoch_mjd"], back[0]["r:epoch_mjd"]);
    }

    public void Dispose() => _folder.Dispose();
}
