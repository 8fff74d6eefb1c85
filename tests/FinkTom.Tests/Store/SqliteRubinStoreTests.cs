using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Store;

/// <summary>The embedded store's Rubin tables, in a file shared with ZTF as <c>finktom serve</c> keeps them.</summary>
public sealed class SqliteRubinStoreTests : RubinStoreConformance
{
    private readonly TempDirectory _folder = new();
    private SqliteAlertStore? _ztf;

    protected override Task<IAlertStore> CreateEmptyRubinStoreAsync()
    {
        var options = new SqliteStoreOptions { DatabasePath = Path.Combine(_folder.Path, "finktom.db") };
        _ztf = new SqliteAlertStore(options); // the file holds ZTF's tables too
        return Task.FromResult<IAlertStore>(new SqliteAlertStore(options, Survey.Lsst));
    }

    public override ValueTask DisposeAsync()
    {
        ((SqliteAlertStore)Store).Dispose();
        _ztf?.Dispose();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
