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
        bad.Values[ColumnCatalog.Ra.Ordinal] = "not a number"; // a decoder bug, say: the position cannot be indexed
        var before = await Store.CountAsync(new AlertQuery());

        await Assert.ThrowsAnyAsync<Exception>(() => Store.WriteAsync([TestAlerts.Make(9002, "ZTF99ok", 2459000.5, 1, 1), bad]));

        Assert.Equal(before, await Store.CountAsync(new AlertQuery()));
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
