using System.Globalization;
using System.Text.Json.Nodes;
using FinkTom.Core.Query;
using FinkTom.Store.Elasticsearch.Query;
using SortKey = FinkTom.Core.Query.SortKey;

namespace FinkTom.Tests.Elasticsearch;

/// <summary>The query DSL generated for each kind of query, checked as JSON against the Elasticsearch reference's shapes.</summary>
public sealed class QueryBodyTests
{
    private static void AssertJson(string expected, JsonNode actual)
    {
        var wanted = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(wanted, actual), $"expected {wanted!.ToJsonString()}\n     got {actual.ToJsonString()}");
    }

    private static JsonNode Where(Predicate predicate) => PredicateDsl.Translate(predicate);

    [Fact]
    public void No_criterion_matches_all()
    {
        AssertJson("""{"match_all":{}}""", AlertSearch.Filter(new AlertQuery()));
    }

    [Fact]
    public void Object_ids_candid_time_windows_class_tns_and_sso_are_filters()
    {
        var query = new AlertQuery
        {
            ObjectIds = ["ZTF19acihgng", "ZTF18abvcdqu"],
            Candid = 1234567890123456789,
            Jd = new JdRange(2459000.5, 2459100.25),
            FirstDetection = new JdRange(null, 2459050.5),
            Classification = "SN candidate",
            TnsType = "SN Ia",
            SsoNames = ["8467", "2001 AB"],
        };

        AssertJson("""
            {"bool":{"filter":[
              {"terms":{"i_objectId":["ZTF19acihgng","ZTF18abvcdqu"]}},
              {"term":{"i_candid":1234567890123456789}},
              {"range":{"i_jd":{"gte":2459000.5,"lte":2459100.25}}},
              {"range":{"i_jdstarthist":{"lte":2459050.5}}},
              {"term":{"d_classification":"SN candidate"}},
              {"term":{"d_tns":"SN Ia"}},
              {"terms":{"i_ssnamenr":["8467","2001 AB"]}}
            ]}}
            """, AlertSearch.Filter(query));
    }

    [Fact]
    public void Empty_id_or_name_lists_match_nothing()
    {
        AssertJson("""{"bool":{"filter":[{"match_none":{}}]}}""", AlertSearch.Filter(new AlertQuery { ObjectIds = [] }));
        AssertJson("""{"bool":{"filter":[{"match_none":{}}]}}""", AlertSearch.Filter(new AlertQuery { SsoNames = [] }));
    }

    [Fact]
    public void Cone_is_geo_distance_on_the_Elasticsearch_sphere_then_the_exact_chord_cut()
    {
        var cone = new Cone(350, -20, 1.0 / 3600);
        var clauses = AlertSearch.Filter(new AlertQuery { Cone = cone })["bool"]!["filter"]!.AsArray();

        var geo = clauses[0]!["geo_distance"]!;
        var meters = 1.0 / 3600 * Math.PI / 180 * 6_371_008.7714 * (1 + 1e-9) + 1.0; // 30.887 m for 1″, plus the margin
        Assert.Equal(meters.ToString("R", CultureInfo.InvariantCulture) + "m", (string?)geo["distance"]);
        Assert.Equal("arc", (string?)geo["distance_type"]);
        Assert.Equal(-20, (double)geo["pos"]!["lat"]!);
        Assert.Equal(-10, (double)geo["pos"]!["lon"]!, 12); // RA 350° is longitude -10°

        var script = clauses[1]!["script"]!["script"]!;
        Assert.Equal("painless", (string?)script["lang"]);
        Assert.Equal(ConeDsl.InsideScript, (string?)script["source"]);
        Assert.Equal(cone.Centre.X, (double)script["params"]!["x"]!);
        Assert.Equal(cone.Centre.Y, (double)script["params"]!["y"]!);
        Assert.Equal(cone.Centre.Z, (double)script["params"]!["z"]!);
        Assert.Equal(cone.MaxChordSquared, (double)script["params"]!["max"]!);
    }

    [Fact]
    public void A_cone_reaching_the_antipode_needs_no_geo_distance()
    {
        var clauses = AlertSearch.Filter(new AlertQuery { Cone = new Cone(10, 10, 180) })["bool"]!["filter"]!.AsArray();

        Assert.Single(clauses);
        Assert.NotNull(clauses[0]!["script"]);
    }

    [Fact]
    public void Ne_is_true_on_null_and_eq_null_means_missing()
    {
        const string rf = "d:rf_snia_vs_nonia";
        AssertJson("""{"bool":{"must_not":[{"term":{"d_rf_snia_vs_nonia":0.5}}]}}""", Where(new ComparePredicate(rf, CompareOp.Ne, 0.5)));
        AssertJson("""{"bool":{"must_not":[{"exists":{"field":"d_rf_snia_vs_nonia"}}]}}""", Where(new ComparePredicate(rf, CompareOp.Eq, null)));
        AssertJson("""{"exists":{"field":"d_rf_snia_vs_nonia"}}""", Where(new ComparePredicate(rf, CompareOp.Ne, null)));
        AssertJson("""{"match_none":{}}""", Where(new ComparePredicate(rf, CompareOp.Lt, null)));
        AssertJson("""{"range":{"d_rf_snia_vs_nonia":{"gt":0.5}}}""", Where(new ComparePredicate(rf, CompareOp.Gt, 0.5)));
    }

    [Fact]
    public void Float_columns_get_float_bounds_that_select_what_double_comparison_selects()
    {
        // 0.1f = 0.100000001490116…: it is > 0.1 in double arithmetic, so "> 0.1" starts at it.
        AssertJson("""{"range":{"i_magpsf":{"gte":0.10000000149011612}}}""", Where(new ComparePredicate("i:magpsf", CompareOp.Gt, 0.1)));
        AssertJson("""{"range":{"i_magpsf":{"lte":0.09999999403953552}}}""", Where(new ComparePredicate("i:magpsf", CompareOp.Lt, 0.1)));
        AssertJson("""{"range":{"i_magpsf":{"lte":17}}}""", Where(new ComparePredicate("i:magpsf", CompareOp.Le, 17.0)));
        AssertJson("""{"range":{"i_magpsf":{"gte":17.000001907348633}}}""", Where(new ComparePredicate("i:magpsf", CompareOp.Gt, 17.0)));
        AssertJson("""{"term":{"i_magpsf":17.25}}""", Where(new ComparePredicate("i:magpsf", CompareOp.Eq, 17.25)));
        AssertJson("""{"match_none":{}}""", Where(new ComparePredicate("i:magpsf", CompareOp.Eq, 17.3))); // no float equals 17.3
        AssertJson("""{"range":{"i_magpsf":{"lte":3.4028234663852886E+38}}}""", Where(new ComparePredicate("i:magpsf", CompareOp.Lt, 1e300)));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(17.3)]
    [InlineData(-2.5e-3)]
    [InlineData(1e-45)]
    public void Float_bounds_are_the_nearest_floats_on_the_right_side(double c)
    {
        var below = PredicateDsl.LargestFloatBelow(c, inclusive: false)!.Value;
        var above = PredicateDsl.SmallestFloatAbove(c, inclusive: false)!.Value;

        Assert.True(below < c && MathF.BitIncrement(below) >= c);
        Assert.True(above > c && MathF.BitDecrement(above) <= c);
    }

    [Fact]
    public void Integer_columns_get_whole_bounds_and_constants_out_of_range_need_no_query()
    {
        AssertJson("""{"range":{"i_fid":{"lte":1}}}""", Where(new ComparePredicate("i:fid", CompareOp.Lt, 1.5)));
        AssertJson("""{"range":{"i_fid":{"gte":3}}}""", Where(new ComparePredicate("i:fid", CompareOp.Ge, 2.0000001)));
        AssertJson("""{"term":{"i_fid":2}}""", Where(new ComparePredicate("i:fid", CompareOp.Eq, 2L)));
        AssertJson("""{"match_none":{}}""", Where(new ComparePredicate("i:fid", CompareOp.Eq, 2.5)));
        AssertJson("""{"exists":{"field":"i_fid"}}""", Where(new ComparePredicate("i:fid", CompareOp.Le, 10_000_000_000L)));
        AssertJson("""{"match_none":{}}""", Where(new ComparePredicate("i:fid", CompareOp.Gt, 10_000_000_000L)));
        AssertJson("""{"range":{"i_candid":{"gte":1234567890123456790}}}""", Where(new ComparePredicate("i:candid", CompareOp.Gt, 1234567890123456789L)));
    }

    [Fact]
    public void Boolean_columns_compare_false_below_true()
    {
        AssertJson("""{"term":{"d_is_transient":true}}""", Where(new ComparePredicate("d:is_transient", CompareOp.Eq, true)));
        AssertJson("""{"terms":{"d_is_transient":[false]}}""", Where(new ComparePredicate("d:is_transient", CompareOp.Lt, true)));
        AssertJson("""{"match_none":{}}""", Where(new ComparePredicate("d:is_transient", CompareOp.Gt, true)));
    }

    [Fact]
    public void In_lists_and_string_matches()
    {
        AssertJson("""{"terms":{"d_cdsxmatch":["QSO","EB*"]}}""", Where(new InPredicate("d:cdsxmatch", ["QSO", null, "EB*"])));
        AssertJson("""{"match_none":{}}""", Where(new InPredicate("d:cdsxmatch", [null])));
        AssertJson("""{"prefix":{"i_objectId":{"value":"ZTF21"}}}""", Where(new StringMatchPredicate("i:objectId", StringMatchKind.StartsWith, "ZTF21")));
        AssertJson("""{"wildcard":{"i_objectId":{"value":"*a\\*b\\?c\\\\"}}}""", Where(new StringMatchPredicate("i:objectId", StringMatchKind.EndsWith, "a*b?c\\")));
        AssertJson("""{"wildcard":{"d_cdsxmatch":{"value":"*Ly*"}}}""", Where(new StringMatchPredicate("d:cdsxmatch", StringMatchKind.Contains, "Ly")));
        AssertJson("""{"exists":{"field":"d_cdsxmatch"}}""", Where(new StringMatchPredicate("d:cdsxmatch", StringMatchKind.Contains, "")));
    }

    [Fact]
    public void And_or_not_nest_as_bool_clauses_flattened()
    {
        var a = new ComparePredicate("i:fid", CompareOp.Eq, 1L);
        var b = new ComparePredicate("d:cdsxmatch", CompareOp.Eq, "QSO");
        var c = new ComparePredicate("i:ndethist", CompareOp.Le, 20L);

        AssertJson("""
            {"bool":{"filter":[{"term":{"i_fid":1}},{"term":{"d_cdsxmatch":"QSO"}},{"range":{"i_ndethist":{"lte":20}}}]}}
            """, Where(a & b & c));
        AssertJson("""
            {"bool":{"should":[{"term":{"i_fid":1}},{"term":{"d_cdsxmatch":"QSO"}},{"range":{"i_ndethist":{"lte":20}}}],"minimum_should_match":1}}
            """, Where(a | (b | c)));
        AssertJson("""
            {"bool":{"must_not":[{"bool":{"should":[{"term":{"i_fid":1}},{"term":{"d_cdsxmatch":"QSO"}}],"minimum_should_match":1}}]}}
            """, Where(!(a | b)));
    }

    [Fact]
    public void A_numeric_column_compared_with_text_is_refused_clearly()
    {
        var error = Assert.Throws<ArgumentException>(() => Where(new ComparePredicate("i:magpsf", CompareOp.Lt, "bright")));
        Assert.Contains("i:magpsf", error.Message);
    }

    [Fact]
    public void Sort_is_the_query_keys_with_nulls_lowest_then_candid_in_the_last_keys_direction()
    {
        var sort = AlertSearch.Sort(new AlertQuery { OrderBy = [new SortKey("i:magpsf"), SortKey.JdDescending] });
        var ascending = AlertSearch.Sort(new AlertQuery { OrderBy = [new SortKey("i:magpsf")] });

        AssertJson("""
            [{"i_magpsf":{"order":"asc","missing":"_first"}},{"i_jd":{"order":"desc","missing":"_last"}},{"i_candid":{"order":"desc","missing":"_last"}}]
            """, sort);
        AssertJson("""
            [{"i_magpsf":{"order":"asc","missing":"_first"}},{"i_candid":{"order":"asc","missing":"_first"}}]
            """, ascending);
    }

    [Fact]
    public void Separation_sorts_by_the_chord_script_and_needs_a_cone()
    {
        var cone = new Cone(10, 20, 0.1);
        var sort = AlertSearch.Sort(new AlertQuery { Cone = cone, OrderBy = [SortKey.Separation] });

        Assert.Equal("number", (string?)sort[0]!["_script"]!["type"]);
        Assert.Equal("asc", (string?)sort[0]!["_script"]!["order"]);
        Assert.Equal(ConeDsl.ChordScript, (string?)sort[0]!["_script"]!["script"]!["source"]);
        Assert.Throws<ArgumentException>(() => AlertSearch.Sort(new AlertQuery { OrderBy = [SortKey.Separation] }));
    }

    [Fact]
    public void Source_holds_the_asked_columns_and_the_keys_or_everything_but_the_position_fields()
    {
        AssertJson("""{"includes":["i_candid","i_jd","i_magpsf","i_objectId"]}""", AlertSearch.Source(["i:magpsf", "v:not-stored"]));
        AssertJson("""{"excludes":["pos","sx","sy","sz"]}""", AlertSearch.Source(null));
    }

    [Fact]
    public void Newest_first_orders_can_use_collapse_and_others_cannot()
    {
        Assert.True(AlertSearch.IsNewestFirst([]));
        Assert.True(AlertSearch.IsNewestFirst([SortKey.JdDescending]));
        Assert.False(AlertSearch.IsNewestFirst([SortKey.Separation]));
        Assert.False(AlertSearch.IsNewestFirst([new SortKey("i:jd")]));
        Assert.False(AlertSearch.IsNewestFirst([new SortKey("i:magpsf"), SortKey.JdDescending]));
    }

    [Fact]
    public void Statistics_ask_for_exact_totals_and_time_span_in_one_search()
    {
        AssertJson("""
            {"size":0,"track_total_hits":true,"aggs":{
              "first_jd":{"min":{"field":"i_jd"}},
              "last_jd":{"max":{"field":"i_jd"}},
              "objects":{"cardinality":{"field":"i_objectId","precision_threshold":40000}}}}
            """, StoreStatisticsQuery.Body());
    }

    [Fact]
    public void Object_queries_filter_on_summary_columns_under_their_own_names()
    {
        var query = new ObjectQuery
        {
            ObjectIds = ["ZTF19acihgng"],
            Where = new ComparePredicate("nalerts", CompareOp.Ge, 3L) & new ComparePredicate("lastmag_g", CompareOp.Lt, 18.0)
                & new ComparePredicate("classification", CompareOp.Eq, null),
        };

        // lastmag_g is a float: "lt 18" becomes "lte" the largest float below 18.
        var below18 = ((double)MathF.BitDecrement(18f)).ToString("R", CultureInfo.InvariantCulture);
        AssertJson("""
            {"bool":{"filter":[
              {"terms":{"objectId":["ZTF19acihgng"]}},
              {"bool":{"filter":[
                {"range":{"nalerts":{"gte":3}}},
                {"range":{"lastmag_g":{"lte":BELOW18}}},
                {"bool":{"must_not":[{"exists":{"field":"classification"}}]}}
              ]}}
            ]}}
            """.Replace("BELOW18", below18), ObjectSearch.Filter(query));
        AssertJson("""{"match_all":{}}""", ObjectSearch.Filter(new ObjectQuery()));
        AssertJson("""{"bool":{"filter":[{"match_none":{}}]}}""", ObjectSearch.Filter(new ObjectQuery { ObjectIds = [] }));
        Assert.Throws<KeyNotFoundException>(() => ObjectSearch.Filter(new ObjectQuery { Where = new ComparePredicate("i:jd", CompareOp.Gt, 1.0) }));
    }

    [Fact]
    public void Object_queries_sort_on_their_keys_then_the_object_id_in_the_last_keys_direction()
    {
        AssertJson("""[{"objectId":{"order":"asc","missing":"_first"}}]""", ObjectSearch.Sort(new ObjectQuery()));
        AssertJson("""
            [{"classification":{"order":"asc","missing":"_first"}},{"lastjd":{"order":"desc","missing":"_last"}},
             {"objectId":{"order":"desc","missing":"_last"}}]
            """, ObjectSearch.Sort(new ObjectQuery { OrderBy = [new SortKey("classification"), new SortKey("lastjd", Descending: true)] }));
        AssertJson("""[{"nalerts":{"order":"desc","missing":"_last"}},{"objectId":{"order":"desc","missing":"_last"}}]""",
            ObjectSearch.Body(new ObjectQuery { OrderBy = [new SortKey("nalerts", Descending: true)] }, 40)["sort"]!);
    }

    [Fact]
    public void Summaries_are_recomputed_from_every_alert_of_the_objects_with_a_few_columns_in_a_total_order()
    {
        var body = FinkTom.Store.Elasticsearch.Write.ObjectSummaryUpdater.AlertsOfObjectsBody(["ZTF1", "ZTF2"], 10_000);

        AssertJson("""{"terms":{"i_objectId":["ZTF1","ZTF2"]}}""", body["query"]!);
        AssertJson("""[{"i_objectId":{"order":"asc","missing":"_first"}},{"i_candid":{"order":"asc","missing":"_first"}}]""", body["sort"]!);
        AssertJson("""{"includes":["i_objectId","i_candid","i_jd","i_jdstarthist","i_ra","i_dec","d_classification","i_ndethist","i_fid","i_magpsf"]}""", body["_source"]!);
        Assert.Equal(10_000, (int)body["size"]!);
    }
}
