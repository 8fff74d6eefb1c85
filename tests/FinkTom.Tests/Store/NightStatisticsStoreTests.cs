using FinkTom.Core.Model;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FinkTom.Tests.Store;

/// <summary>The embedded store's night counters: moved by each new alert in its insert transaction, untouched by
/// duplicates, and counted once from the alerts of a database written before they existed.</summary>
public sealed class NightStatisticsStoreTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private string DatabasePath => Path.Combine(_folder.Path, "alerts.db");

    private static Alert Good(long candid, double jd, int field, int fid = 1, string? cds = null)
    {
        var alert = TestAlerts.Make(candid, "ZTF24obj" + candid, jd, 10, 10, fid: fid, cdsxmatch: cds);
        alert["i:rb"] = 0.9f;
        alert["i:nbad"] = 0;
        alert["i:field"] = field;
        return alert;
    }

    private static async Task<Dictionary<string, long>> Night(SqliteAlertStore store, string night) =>
        (await store.GetNightStatisticsAsync(night)).Single().Counts.ToDictionary();

    [Fact]
    public async Task Each_new_alert_moves_its_nights_counters_once()
    {
        using var store = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = DatabasePath });
        var jd = 2460000.75; // 2023-02-25 06:00 UTC
        var bad = Good(3, jd, 600);
        bad["i:rb"] = 0.2f; // fails Fink's quality cut: raw only

        await store.WriteAsync([Good(1, jd, 600), Good(2, jd, 601, fid: 2, cds: "RRLyr"), bad]);
        var first = await Night(store, "20230225");
        await store.WriteAsync([Good(1, jd, 600), Good(4, jd + 0.01, 600)]); // a duplicate and a new exposure
        var second = await Night(store, "20230225");

        Assert.Equal(3, first["basic:raw"]);
        Assert.Equal(2, first["basic:sci"]);
        Assert.Equal((1, 1), (first["basic:n_g"], first["basic:n_r"]));
        Assert.Equal((1, 2), (first["basic:exposures"], first["basic:fields"]));
        Assert.Equal((1, 1), (first["class:RRLyr"], first["class:simbad_tot"]));
        Assert.Equal((4, 3, 2, 2), (second["basic:raw"], second["basic:sci"], second["basic:exposures"], second["basic:fields"]));
        Assert.Empty(await store.GetNightStatisticsAsync("20230226"));
    }

    [Fact]
    public async Task A_database_without_counters_gets_them_from_its_alerts()
    {
        var jd = 2460000.75;
        using (var store = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = DatabasePath }))
            await store.WriteAsync([Good(1, jd, 600), Good(2, jd + 1, 600), Good(3, jd + 1, 601)]);
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE night_counts; DROP TABLE night_distinct; DELETE FROM meta WHERE key = 'night_stats_ready';";
            drop.ExecuteNonQuery();
        }

        using var reopened = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = DatabasePath });

        var nights = await reopened.GetNightStatisticsAsync("2023");
        Assert.Equal(["20230225", "20230226"], nights.Select(n => n.Night));
        Assert.Equal((1, 2), (nights[0].Counts["basic:raw"], nights[1].Counts["basic:raw"]));
        Assert.Equal(2, nights[1].Counts["basic:fields"]);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
