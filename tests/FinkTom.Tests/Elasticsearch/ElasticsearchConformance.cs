using CultureInfo = System.Globalization.CultureInfo;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Sky;
using FinkTom.Store.Elasticsearch;
using FinkTom.Tests.Store;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Elasticsearch;

/// <summary>
/// The shared conformance suite plus what is delicate in Elasticsearch: the cone boundary (geo_distance works on a
/// rounded grid), float columns compared with double constants, deep pages beyond the 10,000-hit window, one row per
/// object in separation order, values of every type read back exactly. Reference answers are brute force.
/// </summary>
public abstract class ElasticsearchConformance : AlertStoreConformance
{
    protected ElasticsearchAlertStore EsStore => (ElasticsearchAlertStore)Store;

    /// <summary>The point at <paramref name="distanceDeg"/> from a centre along a bearing (great-circle destination).</summary>
    private static (double Ra, double Dec) Destination(double ra, double dec, double bearingDeg, double distanceDeg)
    {
        const double d2r = Math.PI / 180;
        var (φ1, λ1, θ, δ) = (dec * d2r, ra * d2r, bearingDeg * d2r, distanceDeg * d2r);
        var φ2 = Math.Asin(Math.Sin(φ1) * Math.Cos(δ) + Math.Cos(φ1) * Math.Sin(δ) * Math.Cos(θ));
        var λ2 = λ1 + Math.Atan2(Math.Sin(θ) * Math.Sin(δ) * Math.Cos(φ1), Math.Cos(δ) - Math.Sin(φ1) * Math.Sin(φ2));
        return (((λ2 / d2r) % 360 + 360) % 360, φ2 / d2r);
    }

    [Fact]
    public async Task Cone_boundary_is_exact_to_the_milliarcsecond_at_the_poles_and_across_RA_0()
    {
        Cone[] cones = [new(0, 90, 0.5), new(180, -89.99, 1), new(0, 0, 2.0 / 3600), new(359.9999, 45, 30.0 / 3600), new(90, 89.9999, 5), new(0.00001, -30, 1.5)];
        double[] offsets = [-1e-6, -1e-7, -3e-8, 3e-8, 1e-7, 1e-6]; // degrees from the boundary: 3.6 mas down to 0.1 mas
        var edge = new List<Alert>();
        long candid = 5_000_000_000;
        foreach (var (cone, c) in cones.Select((cone, c) => (cone, c)))
            for (var bearing = 0; bearing < 360; bearing += 15)
                foreach (var offset in offsets)
                {
                    var (ra, dec) = Destination(cone.Ra, cone.Dec, bearing + 0.5, cone.RadiusDeg + offset);
                    edge.Add(TestAlerts.Make(candid++, $"ZTF99edge{c}x{bearing:D3}", 2459300.5 + bearing * 0.01, ra, dec));
                }
        await Store.WriteAsync(edge);
        await MakeVisibleAsync();
        var edgeIds = edge.Select(a => a.ObjectId).Distinct().ToList();

        foreach (var (cone, c) in cones.Select((cone, c) => (cone, c)))
        {
            var inside = edge.Where(a => SkyMath.SeparationDeg(cone.Ra, cone.Dec, a.Ra, a.Dec) <= cone.RadiusDeg).ToList();
            var expected = inside.Select(a => a.Candid).Order().ToList();
            var found = (await Query(new AlertQuery { Cone = cone, ObjectIds = edgeIds, Columns = ["i:ra"] })).Select(a => a.Candid).Order().ToList();

            // The test is sharp: of this cone's own points, exactly the inner half is inside.
            Assert.Equal(24 * 3, inside.Count(a => a.ObjectId.StartsWith($"ZTF99edge{c}x", StringComparison.Ordinal)));
            Assert.True(expected.SequenceEqual(found), $"cone {cone}: expected {expected.Count}, store gave {found.Count}");
        }
    }

    [Fact]
    public async Task Float_columns_compared_with_double_constants_follow_double_arithmetic()
    {
        // 17.3 as a double is not a float: the float nearest to it is on one side of it, and must be selected or not
        // exactly as comparing in double does — Elasticsearch's own conversion of 17.3 to a float would blur that.
        var samples = Alerts.Take(40).Select(a => (float)a["i:magpsf"]!).ToList();
        foreach (var f in samples)
        {
            var c = double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            foreach (var op in Enum.GetValues<CompareOp>())
            {
                var predicate = new ComparePredicate("i:magpsf", op, c);
                var expected = Alerts.Count(PredicateEvaluator.Compile(predicate));
                Assert.True(expected == await Store.CountAsync(new AlertQuery { Where = predicate }), $"magpsf {op} {c}");
            }
        }
    }

    [Fact]
    public async Task Deep_pages_past_the_result_window_follow_the_order_without_gaps()
    {
        // Offset + limit over 10,000 forces search_after (walking to the offset, then reading pages).
        var order = Alerts.OrderByDescending(a => (float)a["i:magpsf"]!).ThenBy(a => a.Candid).Select(a => a.Candid).ToList();

        var found = await Query(new AlertQuery { OrderBy = [new SortKey("i:magpsf", Descending: true)], Offset = 250, Limit = 9_900, Columns = ["i:magpsf"] });

        Assert.Equal(order.Skip(250), found.Select(a => a.Candid));
    }

    [Fact]
    public async Task Cone_search_one_row_per_object_nearest_first_as_the_API_asks()
    {
        var cone = new Cone(0, 85, 6);
        var latest = Alerts.Where(a => cone.Contains(a.Ra, a.Dec)).GroupBy(a => a.ObjectId).Select(g => g.MaxBy(a => a.Jd)!)
            .OrderBy(a => SkyMath.SeparationDeg(cone.Ra, cone.Dec, a.Ra, a.Dec)).ThenBy(a => a.Candid).Select(a => a.Candid).ToList();
        Assert.True(latest.Count > 20);

        var query = new AlertQuery { Cone = cone, LatestPerObject = true, OrderBy = [SortKey.Separation], Offset = 3, Limit = 15, Columns = ["i:ra", "i:dec"] };
        var found = await Query(query);

        Assert.Equal(latest.Skip(3).Take(15), found.Select(a => a.Candid));
        Assert.Equal(latest.Count, await Store.CountAsync(query));
    }

    [Fact]
    public async Task Newest_alert_per_object_with_a_limit_uses_the_latest_of_each()
    {
        var expected = Alerts.GroupBy(a => a.ObjectId).Select(g => g.MaxBy(a => a.Jd)!).OrderByDescending(a => a.Jd).Take(25).Select(a => a.Candid);

        var found = await Query(new AlertQuery { LatestPerObject = true, OrderBy = [SortKey.JdDescending], Limit = 25 });

        Assert.Equal(expected, found.Select(a => a.Candid));
    }

    [Fact]
    public async Task Values_of_every_type_read_back_exactly_and_cutouts_come_with_the_alerts()
    {
        var alert = TestAlerts.Make(6_000_000_001, "ZTF99values", 2459400.25, 359.99999999, -89.99999999,
            cutouts: new AlertCutouts([0x1f, 0x8b, 0, 255], [7], null));
        alert["i:magzpsci"] = float.Epsilon;
        alert["i:sky"] = float.MaxValue;
        alert["i:objectidps1"] = long.MaxValue;
        alert["i:tooflag"] = int.MinValue;
        alert["d:is_transient"] = true;
        alert["d:from_upper"] = false;
        alert["d:tns"] = "SN Ia — \"quoted\" \\ ünïcødé ☄";
        alert["d:anomaly_score"] = -1.0000000000000002;
        alert["i:rb"] = float.NaN; // JSON has no NaN: stored as null, as the embedded store does
        await Store.WriteAsync([alert]);
        await MakeVisibleAsync();

        var found = Assert.Single(await Query(new AlertQuery { Candid = 6_000_000_001, WithCutouts = true }));

        foreach (var column in ColumnCatalog.Stored.Where(c => c.Name != "i:rb"))
            Assert.Equal(alert.Values[column.Ordinal], found.Values[column.Ordinal]);
        Assert.Null(found["i:rb"]);
        Assert.Equal(new byte[] { 0x1f, 0x8b, 0, 255 }, found.Cutouts!.Science);
        Assert.Equal(new byte[] { 7 }, found.Cutouts.Template);
        Assert.Null(found.Cutouts.Difference);
    }
}
