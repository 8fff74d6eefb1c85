using FinkTom.Core.Query;
using FinkTom.Query.Adql;
using FinkTom.Query.Adql.Translation;

namespace FinkTom.Tests.Vo;

/// <summary>What clients write, in its many spellings, becomes the one store query.</summary>
public sealed class AdqlTranslatorTests
{
    [Theory]
    [InlineData("CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10.5, -20.25, 0.1)) = 1")]
    [InlineData("1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10.5, -20.25, 0.1))")]
    [InlineData("CONTAINS(POINT('ICRS GEOCENTER', \"ra\", \"dec\"), CIRCLE('', 10.5, -20.25, 0.1)) = 1")]
    [InlineData("CONTAINS(POINT(a.ra, a.dec), CIRCLE(POINT(10.5, -20.25), 0.1)) = 1")]
    [InlineData("CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', POINT('ICRS', 370.5, -20.25), 0.1)) = 1")]
    [InlineData("DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 10.5, -20.25)) < 0.1")]
    [InlineData("0.1 > DISTANCE(POINT('ICRS', 10.5, -20.25), POINT('ICRS', ra, dec))")]
    [InlineData("DISTANCE(ra, dec, 10.5, -20.25) <= 0.1")]
    [InlineData("DISTANCE(POINT(\"i:ra\", \"i:dec\"), POINT(10.5, -20.25)) <= 0.1")]
    public void Every_spelling_of_a_cone_is_the_stores_cone(string condition)
    {
        var query = AdqlTranslator.Translate($"SELECT candid FROM ztf.alerts AS a WHERE {condition}");
        Assert.Equal(new Cone(10.5, -20.25, 0.1), query.Cone);
        Assert.Null(query.Where);
    }

    [Fact]
    public void The_select_list_order_and_limits_reach_the_store_query()
    {
        var query = AdqlTranslator.Translate(
            "select top 20 objectId as name, magpsf, distance(point('icrs', ra, dec), point('icrs', 1, 2)) as d from ZTF.ALERTS " +
            "where contains(point('icrs', ra, dec), circle('icrs', 1, 2, 0.5)) = 1 and fid = 2 order by d, name desc offset 5");
        Assert.Equal(["name", "magpsf", "d"], query.Fields.Select(f => f.Name));
        Assert.Equal([SortKey.Separation, new SortKey("i:objectId", Descending: true)], query.OrderBy);
        Assert.Equal(new ComparePredicate("i:fid", CompareOp.Eq, 2L), query.Where);
        Assert.Equal(20, query.Top);
        var store = query.ToAlertQuery(21);
        Assert.Equal(5, store.Offset);
        Assert.Equal(21, store.Limit);
        Assert.Equal(["i:objectId", "i:magpsf", "i:ra", "i:dec"], store.Columns);
    }

    [Theory]
    [InlineData("SELECT * FROM ztf.alerts WHERE CONTAINS(POINT('ICRS', ra, dec), POLYGON('ICRS', 1, 2, 3, 4, 5, 6)) = 1", "POLYGON")]
    [InlineData("SELECT * FROM ztf.alerts WHERE CONTAINS(POINT('ICRS', dec, ra), CIRCLE('ICRS', 1, 2, 3)) = 1", "position columns")]
    [InlineData("SELECT * FROM ztf.alerts WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 1, 2, 3)) = 0", "= 1 only")]
    [InlineData("SELECT * FROM ztf.alerts WHERE DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 1, 2)) > 3", "< r")]
    [InlineData("SELECT * FROM ztf.alerts WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 1, 95, 3)) = 1", "Declination")]
    [InlineData("SELECT * FROM ztf.alerts ORDER BY DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 1, 2))", "needs a CONTAINS")]
    [InlineData("SELECT * FROM TAP_SCHEMA.tables WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 1, 2, 3)) = 1", "Unknown column 'ra'")]
    [InlineData("SELECT x.candid FROM ztf.alerts AS a", "'x'")]
    [InlineData("SELECT candid FROM ztf.alerts WHERE candid = 99999999999999999999", "64-bit")]
    [InlineData("SELECT candid FROM ztf.alerts WHERE fid = magpsf", "two columns")]
    [InlineData("SELECT candid FROM ztf.alerts; DROP TABLE x", "DROP")]
    public void Refusals_name_what_is_wrong(string adql, string named)
    {
        var error = Assert.Throws<AdqlException>(() => AdqlTranslator.Translate(adql));
        Assert.Contains(named, error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
