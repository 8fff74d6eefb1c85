using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Surveys;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Support;
using FinkTom.Tests.Surveys.Lsst;

namespace FinkTom.Tests.Store;

/// <summary>The embedded store's Rubin queries the OData feed relies on: a condition on each object's latest alert
/// (<see cref="AlertQuery.WhereLatest"/>) and the forced-photometry table queried with filters, order and pages.</summary>
public sealed class LsstStoreQueryTests : IDisposable
{
    private static readonly HistoryKind Forced = Survey.Lsst.History.Single(k => k.Stored);
    private readonly TempDirectory _folder = new();
    private readonly SqliteAlertStore _store;

    public LsstStoreQueryTests() =>
        _store = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = Path.Combine(_folder.Path, "lsst.db") }, Survey.Lsst);

    private static async Task<List<T>> All<T>(IAsyncEnumerable<T> rows)
    {
        var list = new List<T>();
        await foreach (var row in rows)
            list.Add(row);
        return list;
    }

    [Fact]
    public async Task WhereLatest_tests_the_latest_alert_where_Where_chooses_among_all()
    {
        var sample = LsstSamples.Read(LsstSamples.DataTransfer).First(a => a["r:diaObjectId"] is long && (float?)a["r:psfFlux"] > 0);
        // A later alert of the same object that is negative.
        var later = new Alert(Survey.Lsst);
        sample.Values.CopyTo(later.Values, 0);
        later["r:diaSourceId"] = sample.Id + 1;
        later["r:midpointMjdTai"] = sample.Time + 1;
        later["r:psfFlux"] = -1f;
        await _store.WriteAsync([sample, later]);
        var positive = new ComparePredicate("r:psfFlux", CompareOp.Gt, 0.0);

        var before = await All(_store.QueryAsync(new AlertQuery { LatestPerObject = true, Where = positive }));
        var latest = new AlertQuery { LatestPerObject = true, WhereLatest = positive, Columns = ["r:band"] };
        var negative = new AlertQuery { LatestPerObject = true, WhereLatest = !positive, OrderBy = [new SortKey("r:psfFlux")] };

        Assert.Equal(sample.Id, Assert.Single(before).Id);
        Assert.Empty(await All(_store.QueryAsync(latest)));
        Assert.Equal(0, await _store.CountAsync(latest));
        Assert.Equal(later.Id, Assert.Single(await All(_store.QueryAsync(negative))).Id);
        Assert.Equal(1, await _store.CountAsync(negative));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.CountAsync(new AlertQuery { WhereLatest = positive }));
    }

    [Fact]
    public async Task Forced_photometry_is_queried_with_filter_order_pages_and_count()
    {
        var alerts = LsstSamples.Read(LsstSamples.DataTransfer);
        await _store.WriteAsync(alerts);
        var stored = alerts.SelectMany(a => a.Measurements).Where(m => m.Kind == Forced).DistinctBy(m => m.Id).ToList();
        var objectId = alerts.First(a => a["r:diaObjectId"] is long).ObjectId;
        var g = new ComparePredicate("r:band", CompareOp.Eq, "g");
        var query = new MeasurementQuery(Forced) { ObjectIds = [objectId], Where = g, OrderBy = [new SortKey("r:midpointMjdTai", Descending: true)] };

        var page = await All(_store.QueryMeasurementsAsync(query with { Offset = 2, Limit = 3 }));
        var expected = stored.Where(m => m["r:diaObjectId"] is long id && id.ToString(System.Globalization.CultureInfo.InvariantCulture) == objectId && (string?)m["r:band"] == "g")
            .OrderByDescending(m => m.Time).ThenByDescending(m => m.Id).ToList();

        Assert.True(expected.Count > 5);
        Assert.Equal(expected.Skip(2).Take(3).Select(m => m.Id), page.Select(m => m.Id));
        Assert.Equal(expected.Count, await _store.CountMeasurementsAsync(query));
        Assert.Equal(stored.Count, await _store.CountMeasurementsAsync(new MeasurementQuery(Forced)));
        Assert.Equal(stored.Select(m => m.Id).Order(), (await All(_store.QueryMeasurementsAsync(new MeasurementQuery(Forced)))).Select(m => m.Id));
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }
}
