using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Store;

/// <summary>The conformance suite on the embedded store: a real SQLite database file in a temp folder.</summary>
public sealed class SqliteAlertStoreTests : AlertStoreConformance
{
    private readonly TempDirectory _folder = new();

    protected override Task<IAlertStore> CreateEmptyStoreAsync() =>
        Task.FromResult<IAlertStore>(new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = Path.Combine(_folder.Path, "alerts.db") }));

    public override ValueTask DisposeAsync()
    {
        ((SqliteAlertStore)Store).Dispose();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Data_survives_reopening_the_database_file()
    {
        var path = ((SqliteAlertStore)Store).DatabasePath;

        using var reopened = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = path });

        Assert.Equal(Alerts.Count, await reopened.CountAsync(new AlertQuery()));
    }

    [Fact]
    public async Task A_failed_batch_leaves_earlier_batches_stored()
    {
        var bad = TestAlerts.Make(9001, "ZTF99bad", 2459000.5, 1, 1);
        // A decoder bug, say: a value of a type no column holds. (Impossible values are refused one by one by the
        // validation gate before SQLite sees them; this failure is one the gate does not look for.)
        bad.Values[ColumnCatalog.Get("d:cdsxmatch").Ordinal] = new object();
        var before = await Store.CountAsync(new AlertQuery());

        await Assert.ThrowsAnyAsync<Exception>(() => Store.WriteAsync([TestAlerts.Make(9002, "ZTF99ok", 2459000.5, 1, 1), bad]));

        Assert.Equal(before, await Store.CountAsync(new AlertQuery()));
    }

    [Fact]
    public async Task After_a_failed_batch_the_next_batches_are_stored()
    {
        var bad = TestAlerts.Make(9101, "ZTF99bad", 2459000.5, 1, 1);
        bad.History.Add(new HistoryPoint { ObjectId = "ZTF99bad", Jd = 2459000.4, Fid = 1, DiffMagLim = 20f });
        var failing = TestAlerts.Make(9104, "ZTF99failing", 2459000.5, 1, 1);
        failing.Values[ColumnCatalog.Get("d:cdsxmatch").Ordinal] = new object(); // a type no column holds: the write fails
        var ok = TestAlerts.Make(9102, "ZTF99ok", 2459000.5, 1, 1);
        var before = await Store.CountAsync(new AlertQuery());
        await Assert.ThrowsAnyAsync<Exception>(() => Store.WriteAsync([ok, bad, failing]));

        var retried = await Store.WriteAsync([ok]);
        var next = await Store.WriteAsync([TestAlerts.Make(9103, "ZTF99next", 2459000.6, 2, 2)]);

        Assert.Equal((1, 1), (retried.Stored, next.Stored)); // the failed batch's alerts were rolled back
        Assert.Equal(before + 2, await Store.CountAsync(new AlertQuery()));
        Assert.Empty(await Store.GetHistoryAsync(["ZTF99bad"]));
        using var reopened = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = ((SqliteAlertStore)Store).DatabasePath });
        Assert.Equal(before + 2, await reopened.CountAsync(new AlertQuery()));
    }

    [Fact]
    public async Task History_repeated_within_a_batch_is_stored_as_when_alerts_come_one_batch_each()
    {
        // Three alerts of one object repeat points: an upper limit later seen as a detection, a detection whose
        // first copy lacks its candid, and copies differing in other fields (the first stored copy is kept).
        const string id = "ZTF99repeat";
        HistoryPoint P(double jd, int fid, long? candid, float? mag, float limit) =>
            new() { ObjectId = id, Jd = jd, Fid = fid, Candid = candid, MagPsf = mag, DiffMagLim = limit, Rb = 0.8f, NBad = 0 };
        var a = TestAlerts.Make(9201, id, 2459010.5, 10, 10);
        a.History.AddRange([P(2459001.5, 1, null, null, 19.5f), P(2459003.5, 2, null, 18.2f, 20.0f)]);
        var b = TestAlerts.Make(9202, id, 2459012.5, 10, 10);
        b.History.AddRange([P(2459001.5, 1, 77, 18.9f, 20.5f), P(2459003.5, 2, 78, 18.3f, 20.1f), P(2459010.5, 1, 9201, 18.0f, 20.2f)]);
        var c = TestAlerts.Make(9203, id, 2459014.5, 10, 10);
        c.History.AddRange([P(2459010.5, 1, 9201, 18.0f, 20.2f), P(2459012.5, 2, 9202, 17.9f, 20.3f), P(2459001.5, 1, 99, 18.8f, 20.6f)]);
        using var folder = new TempDirectory();
        using var oneByOne = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = Path.Combine(folder.Path, "one.db") });
        foreach (var alert in new[] { a, b, c })
            await oneByOne.WriteAsync([alert]);

        await Store.WriteAsync([a, b, c]);

        var expected = await oneByOne.GetHistoryAsync([id]);
        var actual = await Store.GetHistoryAsync([id]);
        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, actual);
        Assert.Equal(P(2459001.5, 1, 77, null, 19.5f), actual[0]); // the upper limit's values, the first candid seen
        Assert.Equal(78, actual[1].Candid);
    }

    [Fact]
    public async Task A_database_from_before_object_summaries_gets_them_built_on_open()
    {
        var path = ((SqliteAlertStore)Store).DatabasePath;
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM objects; DELETE FROM meta WHERE key = 'objects_ready';";
            await command.ExecuteNonQueryAsync();
        }

        using var reopened = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = path });
        var summaries = new List<ObjectSummary>();
        await foreach (var summary in reopened.QueryObjectsAsync(new ObjectQuery()))
            summaries.Add(summary);

        var expected = ExpectedSummaries(Alerts);
        Assert.Equal(expected.Count, summaries.Count);
        foreach (var summary in summaries)
            AssertSameSummary(expected[summary.ObjectId], summary);
    }
}
