using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Sky;
using FinkTom.Core.Store;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Store;

/// <summary>
/// The behaviour every store backend must have, written once. A backend's test class derives from this and
/// says how to make an empty store; the reference answers come from brute force over the same alerts
/// (great-circle distances, <see cref="PredicateEvaluator"/>), never from the store under test.
/// </summary>
public abstract class AlertStoreConformance : IAsyncLifetime
{
    protected const int SkyObjects = 600;

    protected IAlertStore Store { get; private set; } = null!;

    protected List<Alert> Alerts { get; } = TestAlerts.Sky(SkyObjects);

    /// <summary>A new, empty store of the backend under test.</summary>
    protected abstract Task<IAlertStore> CreateEmptyStoreAsync();

    /// <summary>Makes written alerts visible to queries (Elasticsearch refreshes; SQLite has nothing to do).</summary>
    protected virtual Task MakeVisibleAsync() => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        Store = await CreateEmptyStoreAsync();
        await Store.WriteAsync(Alerts);
        await MakeVisibleAsync();
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected async Task<List<Alert>> Query(AlertQuery query)
    {
        var result = new List<Alert>();
        await foreach (var alert in Store.QueryAsync(query))
            result.Add(alert);
        return result;
    }

    [Fact]
    public async Task Writing_the_same_alerts_again_stores_nothing_new()
    {
        var again = await Store.WriteAsync(Alerts.Take(50).ToList());
        await MakeVisibleAsync();

        Assert.Equal(new StoreWriteResult(0, 50), again);
        Assert.Equal(Alerts.Count, await Store.CountAsync(new AlertQuery()));
    }

    [Fact]
    public async Task Alerts_with_impossible_values_are_refused_one_by_one_and_the_rest_of_the_batch_is_stored()
    {
        // The ways in check first; a store refuses such alerts too, so that no caller can poison it.
        var good = TestAlerts.Make(71, "ZTF99good", 2459500.5, 10, 10);
        var nanJd = TestAlerts.Make(72, "ZTF99nanjd", double.NaN, 10, 10);
        var infiniteJd = TestAlerts.Make(73, "ZTF99infjd", double.PositiveInfinity, 10, 10);
        var absurdJd = TestAlerts.Make(74, "ZTF99absurd", -1e300, 10, 10);
        var offSky = TestAlerts.Make(75, "ZTF99offsky", 2459500.5, 10, 1000);
        var nanRa = TestAlerts.Make(76, "ZTF99nanra", 2459500.5, double.NaN, 10);

        var result = await Store.WriteAsync([nanJd, good, infiniteJd, absurdJd, offSky, nanRa]);
        await MakeVisibleAsync();

        Assert.Equal((1, 0, 5), (result.Stored, result.Duplicates, result.Rejected));
        Assert.Equal(Alerts.Count + 1, await Store.CountAsync(new AlertQuery()));
        var statistics = await Store.GetStatisticsAsync();
        Assert.Equal(Alerts.Min(a => a.Jd), statistics.FirstJd!.Value, 6);
        Assert.Single(await Query(new AlertQuery { ObjectIds = ["ZTF99good", "ZTF99nanjd", "ZTF99infjd", "ZTF99absurd", "ZTF99offsky", "ZTF99nanra"] }));
    }

    [Fact]
    public async Task An_alert_of_another_survey_is_refused_and_never_lands_in_this_surveys_columns()
    {
        var rubin = new Alert(FinkTom.Core.Surveys.Survey.Lsst);
        rubin["r:diaSourceId"] = 170094456272322680L;
        rubin["r:diaObjectId"] = 170028485706776685L;
        rubin["r:midpointMjdTai"] = 61105.09;
        rubin["r:ra"] = 10.0;
        rubin["r:dec"] = 10.0;
        var good = TestAlerts.Make(77, "ZTF99beside", 2459500.5, 10, 10);

        var result = await Store.WriteAsync([rubin, good]);
        await MakeVisibleAsync();

        Assert.Equal((1, 0, 1), (result.Stored, result.Duplicates, result.Rejected));
        Assert.Equal(Alerts.Count + 1, await Store.CountAsync(new AlertQuery()));
        Assert.Empty(await Query(new AlertQuery { Candid = 170094456272322680L }));
    }

    [Fact]
    public async Task A_batch_mixing_new_and_stored_alerts_counts_each()
    {
        var fresh = TestAlerts.Make(42, "ZTF99fresh", 2459500.5, 10, 10);
        var result = await Store.WriteAsync([Alerts[0], fresh, Alerts[1]]);
        Assert.Equal(new StoreWriteResult(1, 2), result);
    }

    [Fact]
    public async Task Object_query_returns_all_its_alerts_newest_first_with_values_intact()
    {
        var objectId = Alerts.GroupBy(a => a.ObjectId).First(g => g.Count() == 4).Key;
        var expected = Alerts.Where(a => a.ObjectId == objectId).OrderByDescending(a => a.Jd).ToList();

        var found = await Query(new AlertQuery { ObjectIds = [objectId], OrderBy = [SortKey.JdDescending] });

        Assert.Equal(expected.Select(a => a.Candid), found.Select(a => a.Candid));
        for (var i = 0; i < expected.Count; i++)
            foreach (var column in ColumnCatalog.Stored)
                Assert.Equal(expected[i].Values[column.Ordinal], found[i].Values[column.Ordinal]);
    }

    [Fact]
    public async Task Unknown_object_gives_no_rows()
    {
        Assert.Empty(await Query(new AlertQuery { ObjectIds = ["ZTF00nothing"] }));
    }

    [Fact]
    public async Task Cone_search_equals_brute_force_great_circle_cut_for_many_cones()
    {
        var random = new Random(7);
        var cones = new List<Cone>
        {
            new(0, 89.9, 0.5), new(180, -89.95, 0.3), new(359.999, 0, 1.5), new(0.0005, 3, 2), new(270, 90, 5),
            new(90, -90, 5), new(359.9, -5, 5),
        };
        for (var i = 0; i < 60; i++)
        {
            // Centre near an existing alert so that most cones hold something; radius from 1" to 5°.
            var anchor = Alerts[random.Next(Alerts.Count)];
            var radius = Math.Pow(10, random.NextDouble() * 4.25) / 3600;
            cones.Add(new Cone((anchor.Ra + random.NextDouble() * radius + 360) % 360, Math.Clamp(anchor.Dec + random.NextDouble() * radius - radius / 2, -90, 90), radius));
        }

        var nonEmpty = 0;
        foreach (var cone in cones)
        {
            var expected = Alerts
                .Where(a => SkyMath.SeparationDeg(cone.Ra, cone.Dec, a.Ra, a.Dec) <= cone.RadiusDeg)
                .Select(a => a.Candid).Order().ToList();
            var found = (await Query(new AlertQuery { Cone = cone, Columns = ["i:ra", "i:dec"] })).Select(a => a.Candid).Order().ToList();
            Assert.True(expected.SequenceEqual(found), $"cone {cone}: expected {expected.Count} alerts, store gave {found.Count}");
            nonEmpty += expected.Count > 0 ? 1 : 0;
        }
        Assert.True(nonEmpty > cones.Count / 2, "the cones should mostly hold alerts, or the test proves little");
    }

    [Fact]
    public async Task Cone_sorted_by_separation_and_limited_keeps_the_nearest()
    {
        var cone = new Cone(0, 0, 5);
        var expected = Alerts.Select(a => (a.Candid, Sep: SkyMath.SeparationDeg(0, 0, a.Ra, a.Dec)))
            .Where(x => x.Sep <= 5).OrderBy(x => x.Sep).Take(5).Select(x => x.Candid).ToList();
        Assert.NotEmpty(expected);

        var found = await Query(new AlertQuery { Cone = cone, OrderBy = [SortKey.Separation], Limit = 5 });

        Assert.Equal(expected, found.Select(a => a.Candid));
    }

    [Fact]
    public async Task Latest_per_object_keeps_one_row_per_object_with_the_max_jd()
    {
        var found = await Query(new AlertQuery { LatestPerObject = true });
        var expected = Alerts.GroupBy(a => a.ObjectId).Select(g => g.MaxBy(a => a.Jd)!.Candid).Order();

        Assert.Equal(expected, found.Select(a => a.Candid).Order());
        Assert.Equal(SkyObjects, await Store.CountAsync(new AlertQuery { LatestPerObject = true }));
    }

    [Fact]
    public async Task Latest_per_object_applies_after_the_filters()
    {
        // The latest alert *among those in the time window*, as Fink's index scans give.
        var window = new JdRange(2459000.5, 2459200.5);
        var expected = Alerts.Where(a => window.Contains(a.Jd)).GroupBy(a => a.ObjectId).Select(g => g.MaxBy(a => a.Jd)!.Candid).Order();

        var found = await Query(new AlertQuery { Jd = window, LatestPerObject = true });

        Assert.Equal(expected, found.Select(a => a.Candid).Order());
    }

    [Fact]
    public async Task Class_query_returns_that_class_newest_first_up_to_the_limit()
    {
        var expected = Alerts.Where(a => (string?)a["d:classification"] == "RRLyr").OrderByDescending(a => a.Jd).Take(7).Select(a => a.Candid);

        var found = await Query(new AlertQuery { Classification = "RRLyr", OrderBy = [SortKey.JdDescending], Limit = 7 });

        Assert.Equal(expected, found.Select(a => a.Candid));
    }

    [Fact]
    public async Task Sso_query_matches_ssnamenr()
    {
        var name = Alerts.First(a => (string?)a["i:ssnamenr"] != "null")["i:ssnamenr"] as string;
        var expected = Alerts.Where(a => (string?)a["i:ssnamenr"] == name).Select(a => a.Candid).Order();

        var found = await Query(new AlertQuery { SsoNames = [name!, "no-such-rock"] });

        Assert.Equal(expected, found.Select(a => a.Candid).Order());
    }

    [Fact]
    public async Task Time_windows_filter_on_jd_and_on_first_detection()
    {
        var onJd = new JdRange(2459100.5, 2459150.5);
        var onFirst = new JdRange(null, 2459100.5);

        Assert.Equal(Alerts.Count(a => onJd.Contains(a.Jd)), (await Query(new AlertQuery { Jd = onJd })).Count);
        Assert.Equal(Alerts.Count(a => onFirst.Contains((double)a["i:jdstarthist"]!)),
            await Store.CountAsync(new AlertQuery { FirstDetection = onFirst }));
    }

    public static TheoryData<string> Predicates => new()
    {
        "magpsf < 17",
        "magpsf >= 17 and fid = 2",
        "rf > 0.5",
        "not rf > 0.5",
        "rf ne 0.5",
        "rf eq null",
        "cds in (QSO, EB*)",
        "objectId startswith ZTF21",
        "objectId endswith 7",
        "objectId contains test0001",
        "ndethist le 20 or cds eq QSO",
        "not (cds eq RRLyr or magpsf gt 20)",
        "month(jd) in summer",
        "not hour(jd) lt 12",
        "day(jd) eq 15 or second(jd) gt 50",
        "minute(jd) ne 30 and rf eq null",
    };

    [Theory]
    [MemberData(nameof(Predicates))]
    public async Task Predicates_select_exactly_what_the_in_memory_evaluator_selects(string name)
    {
        var predicate = PredicateByName(name);
        var expected = Alerts.Where(PredicateEvaluator.Compile(predicate)).Select(a => a.Candid).Order().ToList();

        var found = (await Query(new AlertQuery { Where = predicate, Columns = ["i:magpsf"] })).Select(a => a.Candid).Order().ToList();

        Assert.NotEmpty(expected);
        Assert.NotEqual(Alerts.Count, expected.Count);
        Assert.Equal(expected, found);
        Assert.Equal(expected.Count, await Store.CountAsync(new AlertQuery { Where = predicate }));
    }

    private static Predicate PredicateByName(string name)
    {
        var mag = "i:magpsf";
        var rf = "d:rf_snia_vs_nonia";
        var cds = "d:cdsxmatch";
        return name switch
        {
            "magpsf < 17" => new ComparePredicate(mag, CompareOp.Lt, 17.0),
            "magpsf >= 17 and fid = 2" => new ComparePredicate(mag, CompareOp.Ge, 17.0) & new ComparePredicate("i:fid", CompareOp.Eq, 2L),
            "rf > 0.5" => new ComparePredicate(rf, CompareOp.Gt, 0.5),
            "not rf > 0.5" => !new ComparePredicate(rf, CompareOp.Gt, 0.5),
            "rf ne 0.5" => new ComparePredicate(rf, CompareOp.Ne, 0.5),
            "rf eq null" => new ComparePredicate(rf, CompareOp.Eq, null),
            "cds in (QSO, EB*)" => new InPredicate(cds, ["QSO", "EB*"]),
            "objectId startswith ZTF21" => new StringMatchPredicate("i:objectId", StringMatchKind.StartsWith, "ZTF21"),
            "objectId endswith 7" => new StringMatchPredicate("i:objectId", StringMatchKind.EndsWith, "7"),
            "objectId contains test0001" => new StringMatchPredicate("i:objectId", StringMatchKind.Contains, "test0001"),
            "ndethist le 20 or cds eq QSO" => new ComparePredicate("i:ndethist", CompareOp.Le, 20L) | new ComparePredicate(cds, CompareOp.Eq, "QSO"),
            "not (cds eq RRLyr or magpsf gt 20)" => !(new ComparePredicate(cds, CompareOp.Eq, "RRLyr") | new ComparePredicate(mag, CompareOp.Gt, 20.0)),
            "month(jd) in summer" => new DatePartPredicate("i:jd", DatePart.Month, CompareOp.Ge, 6) & new DatePartPredicate("i:jd", DatePart.Month, CompareOp.Le, 8),
            "not hour(jd) lt 12" => !new DatePartPredicate("i:jd", DatePart.Hour, CompareOp.Lt, 12),
            "day(jd) eq 15 or second(jd) gt 50" => new DatePartPredicate("i:jd", DatePart.Day, CompareOp.Eq, 15) | new DatePartPredicate("i:jd", DatePart.Second, CompareOp.Gt, 50),
            "minute(jd) ne 30 and rf eq null" => new DatePartPredicate("i:jd", DatePart.Minute, CompareOp.Ne, 30) & new ComparePredicate(rf, CompareOp.Eq, null),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Fact]
    public async Task Column_selection_returns_only_those_columns_plus_the_keys()
    {
        var found = await Query(new AlertQuery { Columns = ["i:magpsf"], Limit = 3 });

        Assert.Equal(3, found.Count);
        foreach (var alert in found)
        {
            var filled = ColumnCatalog.Stored.Where(c => alert.Values[c.Ordinal] is not null).Select(c => c.Name).Order();
            Assert.Equal(new[] { "i:candid", "i:jd", "i:magpsf", "i:objectId" }, filled);
        }
    }

    [Fact]
    public async Task Ties_on_the_sort_key_come_in_candid_order_in_the_sorts_direction()
    {
        // One exposure: several alerts share a jd (SortKey.TieBreakDescending).
        var jd = 2459999.5;
        await Store.WriteAsync([TestAlerts.Make(9103, "ZTF99tieC", jd, 5, 5), TestAlerts.Make(9101, "ZTF99tieA", jd, 6, 6), TestAlerts.Make(9102, "ZTF99tieB", jd, 7, 7)]);
        await MakeVisibleAsync();
        var window = new JdRange(jd, jd);

        var newestFirst = await Query(new AlertQuery { Jd = window, OrderBy = [SortKey.JdDescending] });
        var oldestFirst = await Query(new AlertQuery { Jd = window, OrderBy = [new SortKey("i:jd")] });

        Assert.Equal([9103L, 9102L, 9101L], newestFirst.Select(a => a.Candid));
        Assert.Equal([9101L, 9102L, 9103L], oldestFirst.Select(a => a.Candid));
    }

    [Fact]
    public async Task Paging_with_offset_visits_every_alert_exactly_once()
    {
        var seen = new List<long>();
        for (var offset = 0; ; offset += 97)
        {
            var page = await Query(new AlertQuery { OrderBy = [new SortKey("i:magpsf")], Limit = 97, Offset = offset, Columns = ["i:magpsf"] });
            if (page.Count == 0)
                break;
            Assert.True(page.Zip(page.Skip(1)).All(p => (float)p.First["i:magpsf"]! <= (float)p.Second["i:magpsf"]!));
            seen.AddRange(page.Select(a => a.Candid));
        }
        Assert.Equal(Alerts.Select(a => a.Candid).Order(), seen.Order());
    }

    [Fact]
    public async Task History_is_stored_once_per_point_and_returned_oldest_first()
    {
        var point = new HistoryPoint { ObjectId = "ZTF99history", Jd = 2459000.6, Fid = 1, DiffMagLim = 20.1f };
        var detection = new HistoryPoint { ObjectId = "ZTF99history", Jd = 2459001.6, Fid = 2, Candid = 5, MagPsf = 18.5f, SigmaPsf = 0.1f, Rb = 0.9f, NBad = 0 };
        var first = TestAlerts.Make(7001, "ZTF99history", 2459002.6, 50, 50);
        first.History.AddRange([point, detection]);
        var second = TestAlerts.Make(7002, "ZTF99history", 2459003.6, 50, 50);
        second.History.AddRange([point, detection]);
        await Store.WriteAsync([first, second]);
        await MakeVisibleAsync();

        var history = await Store.GetHistoryAsync(["ZTF99history"]);

        Assert.Equal(2, history.Count);
        Assert.Equal(point, history[0]);
        Assert.Equal(detection, history[1]);
    }

    [Fact]
    public async Task Cutouts_of_the_latest_alert_or_of_a_given_candid()
    {
        var older = TestAlerts.Make(8001, "ZTF99stamps", 2459002.6, 50, 50, cutouts: new AlertCutouts([1], [2], [3]));
        var newer = TestAlerts.Make(8002, "ZTF99stamps", 2459003.6, 50, 50, cutouts: new AlertCutouts([4], [5], [6]));
        await Store.WriteAsync([older, newer]);
        await MakeVisibleAsync();

        var latest = await Store.GetCutoutsAsync("ZTF99stamps", null);
        var specific = await Store.GetCutoutsAsync("ZTF99stamps", 8001);

        Assert.Equal(8002, latest!.Candid);
        Assert.Equal([5], latest.Cutouts.Template);
        Assert.Equal([3], specific!.Cutouts.Difference);
        Assert.Null(await Store.GetCutoutsAsync("ZTF99stamps", 12345));
        Assert.Null(await Store.GetCutoutsAsync("ZTF00nothing", null));
    }

    [Fact]
    public async Task Statistics_count_alerts_and_objects()
    {
        var statistics = await Store.GetStatisticsAsync();

        Assert.Equal(Alerts.Count, statistics.Alerts);
        Assert.Equal(SkyObjects, statistics.Objects);
        Assert.Equal(Alerts.Min(a => a.Jd), statistics.FirstJd);
        Assert.Equal(Alerts.Max(a => a.Jd), statistics.LastJd);
    }

    // ---- Object summaries (QueryObjectsAsync / CountObjectsAsync) ----

    /// <summary>The summaries computed by brute force from the alerts, as <see cref="ObjectSummary"/> documents them.</summary>
    protected static Dictionary<string, ObjectSummary> ExpectedSummaries(IEnumerable<Alert> alerts) =>
        alerts.GroupBy(a => a.ObjectId).ToDictionary(g => g.Key, g =>
        {
            var latest = g.OrderByDescending(a => a.Jd).ThenByDescending(a => a.Candid).First();
            var (x, y, z) = (g.Sum(a => UnitVector.FromRaDec(a.Ra, a.Dec).X), g.Sum(a => UnitVector.FromRaDec(a.Ra, a.Dec).Y), g.Sum(a => UnitVector.FromRaDec(a.Ra, a.Dec).Z));
            Alert? LastIn(int fid) => g.Where(a => (int?)a["i:fid"] == fid).MaxBy(a => a.Jd);
            var (gBand, rBand, iBand) = (LastIn(1), LastIn(2), LastIn(3));
            return new ObjectSummary
            {
                ObjectId = g.Key,
                FirstJd = g.Min(a => Math.Min((double?)a["i:jdstarthist"] ?? a.Jd, a.Jd)),
                LastJd = g.Max(a => a.Jd),
                Alerts = g.Count(),
                Ra = (Math.Atan2(y, x) * 180 / Math.PI + 360) % 360,
                Dec = Math.Atan2(z, Math.Sqrt(x * x + y * y)) * 180 / Math.PI,
                LastCandid = latest.Candid,
                Classification = (string?)latest["d:classification"],
                NDetHist = (int?)latest["i:ndethist"],
                LastMagG = (float?)gBand?["i:magpsf"], LastJdG = gBand?.Jd,
                LastMagR = (float?)rBand?["i:magpsf"], LastJdR = rBand?.Jd,
                LastMagI = (float?)iBand?["i:magpsf"], LastJdI = iBand?.Jd,
            };
        });

    protected async Task<List<ObjectSummary>> QueryObjects(ObjectQuery query)
    {
        var result = new List<ObjectSummary>();
        await foreach (var summary in Store.QueryObjectsAsync(query))
            result.Add(summary);
        return result;
    }

    protected static void AssertSameSummary(ObjectSummary expected, ObjectSummary actual)
    {
        // The mean position is a sum of floating-point vectors: equal to well below a micro-arcsecond.
        Assert.True(SkyMath.SeparationDeg(expected.Ra, expected.Dec, actual.Ra, actual.Dec) < 1e-9, $"{expected.ObjectId}: position {actual.Ra},{actual.Dec} vs {expected.Ra},{expected.Dec}");
        Assert.Equal(expected with { Ra = 0, Dec = 0 }, actual with { Ra = 0, Dec = 0 });
    }

    [Fact]
    public async Task Object_summaries_match_the_alerts_of_each_object()
    {
        var expected = ExpectedSummaries(Alerts);

        var found = await QueryObjects(new ObjectQuery());

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), found.Select(o => o.ObjectId)); // default order: object id
        foreach (var summary in found)
            AssertSameSummary(expected[summary.ObjectId], summary);
        Assert.Equal(SkyObjects, await Store.CountObjectsAsync(new ObjectQuery()));
    }

    [Fact]
    public async Task Object_summary_follows_alerts_arriving_out_of_order()
    {
        var newest = TestAlerts.Make(9101, "ZTF99summary", 2459010.5, 10, 20, magpsf: 17f, fid: 2, cdsxmatch: "QSO", ndethist: 9, jdstarthist: 2459001.5);
        var oldest = TestAlerts.Make(9102, "ZTF99summary", 2459002.5, 10.001, 20, magpsf: 19f, fid: 1, cdsxmatch: "RRLyr", ndethist: 2, jdstarthist: 2458990.5);
        var middle = TestAlerts.Make(9103, "ZTF99summary", 2459005.5, 9.999, 20, magpsf: 18f, fid: 2, cdsxmatch: "EB*", ndethist: 5, jdstarthist: 2459001.5);
        await Store.WriteAsync([newest]);
        await Store.WriteAsync([oldest, middle]);
        await Store.WriteAsync([middle]); // a duplicate must not count twice
        await MakeVisibleAsync();

        var found = Assert.Single(await QueryObjects(new ObjectQuery { ObjectIds = ["ZTF99summary"] }));

        AssertSameSummary(ExpectedSummaries([newest, oldest, middle])["ZTF99summary"], found);
        Assert.Equal(3, found.Alerts);
        Assert.Equal("QSO", found.Classification);
        Assert.Equal((17f, 19f), (found.LastMagR, found.LastMagG));
        Assert.Equal(2458990.5, found.FirstJd);
    }

    public static TheoryData<string> ObjectPredicates => new()
    {
        "class eq QSO",
        "nalerts ge 3 and lastmag_g lt 18",
        "lastmag_r eq null or ra gt 300",
        "not (classification in (QSO, RRLyr))",
        "objectId startswith ZTF22",
        "month(lastjd) le 6",
    };

    [Theory]
    [MemberData(nameof(ObjectPredicates))]
    public async Task Object_queries_filter_sort_and_page_like_the_in_memory_evaluator(string name)
    {
        var predicate = name switch
        {
            "class eq QSO" => new ComparePredicate("classification", CompareOp.Eq, "QSO"),
            "nalerts ge 3 and lastmag_g lt 18" => new ComparePredicate("nalerts", CompareOp.Ge, 3L) & new ComparePredicate("lastmag_g", CompareOp.Lt, 18.0),
            "lastmag_r eq null or ra gt 300" => new ComparePredicate("lastmag_r", CompareOp.Eq, null) | new ComparePredicate("ra", CompareOp.Gt, 300.0),
            "not (classification in (QSO, RRLyr))" => !new InPredicate("classification", ["QSO", "RRLyr"]),
            "objectId startswith ZTF22" => new StringMatchPredicate("objectId", StringMatchKind.StartsWith, "ZTF22"),
            "month(lastjd) le 6" => new DatePartPredicate("lastjd", DatePart.Month, CompareOp.Le, 6),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var expected = ExpectedSummaries(Alerts).Values.Where(ObjectColumns.Compile(predicate))
            .OrderByDescending(o => o.LastJd).ThenBy(o => o.ObjectId, StringComparer.Ordinal).Select(o => o.ObjectId).ToList();
        Assert.NotEmpty(expected);

        var paged = new List<string>();
        for (var offset = 0; offset < expected.Count + 40; offset += 40)
            paged.AddRange((await QueryObjects(new ObjectQuery { Where = predicate, OrderBy = [new SortKey("lastjd", Descending: true)], Limit = 40, Offset = offset }))
                .Select(o => o.ObjectId));

        Assert.Equal(expected, paged);
        Assert.Equal(expected.Count, await Store.CountObjectsAsync(new ObjectQuery { Where = predicate }));
    }
}
