using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Sky;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;

namespace FinkTom.Tests.Store;

/// <summary>
/// What every store backend must do with Rubin alerts (issue 14 item 2), beside <see cref="AlertStoreConformance"/>'s
/// ZTF cases: 64-bit ids exact, the cone over each object's latest alert, forced photometry kept once per measurement,
/// cutouts by alert id byte for byte, Solar System alerts without an object found by designation, tags queried newest
/// first. A backend runs it by deriving a class that creates an empty Rubin store.
/// </summary>
public abstract class RubinStoreConformance : IAsyncLifetime
{
    private static readonly HistoryKind Forced = Survey.Lsst.History.Single(k => k.Stored);

    protected IAlertStore Store { get; private set; } = null!;

    /// <summary>80 static objects of 1–4 alerts each and 10 asteroid alerts, deterministic.</summary>
    protected List<Alert> Alerts { get; } = RubinTestAlerts.Sky(80, 10);

    protected abstract Task<IAlertStore> CreateEmptyRubinStoreAsync();

    protected virtual Task MakeVisibleAsync() => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        Store = await CreateEmptyRubinStoreAsync();
        var result = await Store.WriteAsync(Alerts);
        Assert.Equal((Alerts.Count, 0, 0), (result.Stored, result.Duplicates, result.Rejected));
        await MakeVisibleAsync();
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<List<Alert>> Query(AlertQuery query)
    {
        var result = new List<Alert>();
        await foreach (var alert in Store.QueryAsync(query))
            result.Add(alert);
        return result;
    }

    [Fact]
    public async Task Ids_beyond_double_precision_come_back_exactly()
    {
        foreach (var alert in Alerts.Where(a => a.Id > (1L << 53)).Take(5))
        {
            var found = Assert.Single(await Query(new AlertQuery { Candid = alert.Id }));
            Assert.Equal(alert.Id, found.Id);
            Assert.Equal(alert["r:diaObjectId"], found["r:diaObjectId"]);
            Assert.Equal(alert["r:ssObjectId"], found["r:ssObjectId"]);
        }
    }

    [Fact]
    public async Task An_object_s_alerts_come_newest_first_with_every_value_as_written()
    {
        var objectId = Alerts.GroupBy(a => a.ObjectId).First(g => g.Key.Length > 0 && g.Count() > 2).Key;
        var found = await Query(new AlertQuery { ObjectIds = [objectId], OrderBy = [SortKey.NewestFirst(Survey.Lsst)] });

        var expected = Alerts.Where(a => a.ObjectId == objectId).OrderByDescending(a => a.Time).ToList();
        Assert.Equal(expected.Select(a => a.Id), found.Select(a => a.Id));
        for (var i = 0; i < expected.Count; i++)
            Assert.Equal(expected[i].Values, found[i].Values);
    }

    [Fact]
    public async Task A_cone_gives_each_object_s_latest_alert_inside_it()
    {
        var centre = Alerts.First(a => a.ObjectId.Length > 0);
        var cone = new Cone(centre.Ra, centre.Dec, 20.0);
        var found = await Query(new AlertQuery { Cone = cone, LatestPerObject = true, Where = new ComparePredicate("r:diaObjectId", CompareOp.Ne, null) });

        var expected = Alerts.Where(a => a.ObjectId.Length > 0).GroupBy(a => a.ObjectId).Select(g => g.MaxBy(a => a.Time)!)
            .Where(a => SkyMath.SeparationDeg(cone.Ra, cone.Dec, a.Ra, a.Dec) <= cone.RadiusDeg).Select(a => a.Id).Order();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, found.Select(a => a.Id).Order());
    }

    [Fact]
    public async Task Forced_photometry_is_kept_once_per_measurement_however_many_alerts_repeat_it()
    {
        var objectId = Alerts.GroupBy(a => a.ObjectId).First(g => g.Key.Length > 0 && g.Count() > 2).Key;
        var points = await Store.GetMeasurementsAsync(Forced, [objectId]);

        var expected = Alerts.Where(a => a.ObjectId == objectId).SelectMany(a => a.Measurements).Where(m => m.Kind == Forced)
            .DistinctBy(m => m.Id).OrderBy(m => m.Time).ToList();
        Assert.True(Alerts.Where(a => a.ObjectId == objectId).Sum(a => a.Measurements.Count) > expected.Count, "the alerts repeat measurements");
        Assert.Equal(expected.Select(m => m.Id), points.Select(m => m.Id));
        Assert.Equal(expected[0].Values, points[0].Values);
    }

    [Fact]
    public async Task Cutouts_are_found_by_alert_id_alone_byte_for_byte()
    {
        var alert = Alerts.First(a => a.Cutouts is not null);
        var stored = await Store.GetCutoutsAsync("", alert.Id);

        Assert.NotNull(stored);
        Assert.Equal(alert.Cutouts!.Science, stored.Cutouts.Science);
        Assert.Equal(alert.Cutouts.Difference, stored.Cutouts.Difference);
        Assert.Null(await Store.GetCutoutsAsync("", 12345));
    }

    [Fact]
    public async Task Asteroid_alerts_have_no_object_and_are_found_by_designation()
    {
        var asteroid = Alerts.First(a => a["r:packed_primary_provisional_designation"] is not null);
        var packed = (string)asteroid["r:packed_primary_provisional_designation"]!;
        var found = await Query(new AlertQuery { SsoNames = [packed], OrderBy = [SortKey.NewestFirst(Survey.Lsst)] });

        var expected = Alerts.Where(a => Equals(a["r:packed_primary_provisional_designation"], packed)).OrderByDescending(a => a.Time);
        Assert.Equal(expected.Select(a => a.Id), found.Select(a => a.Id));
        Assert.All(found, a => Assert.Null(a["r:diaObjectId"]));
    }

    [Fact]
    public async Task The_latest_alerts_of_a_tag_come_newest_first()
    {
        var found = await Query(new AlertQuery
        {
            Where = new ComparePredicate("t:in_tns", CompareOp.Eq, true),
            OrderBy = [SortKey.NewestFirst(Survey.Lsst)],
            Limit = 5,
        });

        var expected = Alerts.Where(a => a["t:in_tns"] is true).OrderByDescending(a => a.Time).ThenByDescending(a => a.Id).Take(5);
        Assert.Equal(expected.Select(a => a.Id), found.Select(a => a.Id));
    }

    [Fact]
    public async Task Writing_again_stores_nothing_and_zTF_alerts_are_refused()
    {
        var again = await Store.WriteAsync(Alerts.Take(10).ToList());
        var ztf = await Store.WriteAsync([Support.TestAlerts.Make(1, "ZTF99x", 2459500.5, 10, 10)]);
        await MakeVisibleAsync();

        Assert.Equal((0, 10, 0), (again.Stored, again.Duplicates, again.Rejected));
        Assert.Equal((0, 0, 1), (ztf.Stored, ztf.Duplicates, ztf.Rejected));
        Assert.Equal(Alerts.Count, await Store.CountAsync(new AlertQuery()));
    }
}
