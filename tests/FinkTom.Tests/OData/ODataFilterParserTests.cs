using FinkTom.Core.Query;
using FinkTom.Query.OData;
using FinkTom.Server.OData;

namespace FinkTom.Tests.OData;

/// <summary><see cref="ODataFilterParser"/> on its own, as livestream filters will use it: text in, Predicate out.</summary>
public sealed class ODataFilterParserTests
{
    [Fact]
    public void A_livestream_filter_becomes_a_predicate_over_catalogue_columns()
    {
        var predicate = ODataFilterParser.Parse("rf_snia_vs_nonia gt 0.5 and ndethist le 20");

        Assert.Equal(new ComparePredicate("d:rf_snia_vs_nonia", CompareOp.Gt, 0.5) & new ComparePredicate("i:ndethist", CompareOp.Le, 20L), predicate);
    }

    [Fact]
    public void Names_are_case_insensitive_literals_normalised_and_constants_on_the_left_flipped()
    {
        Assert.Equal(new ComparePredicate("i:magpsf", CompareOp.Gt, 17.5), ODataFilterParser.Parse("17.5 lt MagPsf"));
        var @in = Assert.IsType<InPredicate>(ODataFilterParser.Parse("classification in ('QSO','RRLyr')"));
        Assert.Equal("d:classification", @in.Column);
        Assert.Equal(["QSO", "RRLyr"], @in.Values);
        Assert.Equal(new StringMatchPredicate("i:objectId", StringMatchKind.StartsWith, "ZTF21"), ODataFilterParser.Parse("startswith(objectId,'ZTF21')"));
        Assert.Equal(new ComparePredicate("i:candid", CompareOp.Eq, 1234567890123456789L), ODataFilterParser.Parse("candid eq '1234567890123456789'"));
        Assert.Equal(!new ComparePredicate("d:tns", CompareOp.Eq, null), ODataFilterParser.Parse("not (tns eq null)"));
        Assert.Null(ODataFilterParser.Parse("true"));
    }

    [Fact]
    public void Dates_become_julian_dates_and_year_a_range()
    {
        var jan2024 = Core.Time.JulianDate.FromDateTime(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var jan2025 = Core.Time.JulianDate.FromDateTime(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(new ComparePredicate("i:jd", CompareOp.Ge, jan2024), ODataFilterParser.Parse("lastdate ge 2024-01-01T00:00:00Z"));
        Assert.Equal(new ComparePredicate("i:jd", CompareOp.Ge, jan2024) & new ComparePredicate("i:jd", CompareOp.Lt, jan2025),
            ODataFilterParser.Parse("year(lastdate) eq 2024"));
    }

    [Fact]
    public void Calendar_parts_become_date_part_predicates_on_the_jd()
    {
        Assert.Equal(new DatePartPredicate("i:jd", DatePart.Month, CompareOp.Eq, 5), ODataFilterParser.Parse("month(lastdate) eq 5"));
        Assert.Equal(new DatePartPredicate("i:jdstarthist", DatePart.Hour, CompareOp.Gt, 20), ODataFilterParser.Parse("20 lt hour(firstdate)"));
        Assert.Equal(new ComparePredicate("i:jd", CompareOp.Eq, null), ODataFilterParser.Parse("day(lastdate) eq null"));
    }

    [Theory]
    // 2024-05-31T23:59:59.9996Z rounds to June 1st 00:00:00.000, as in SQLite; .9994 stays in May.
    [InlineData(2460462.499999995, 6, 1, 0, 0)]
    [InlineData(2460462.499999993, 5, 31, 23, 59)]
    [InlineData(2460000.0, 2, 24, 12, 0)]
    public void Date_parts_are_those_of_the_time_rounded_to_the_millisecond(double jd, int month, int day, int hour, int minute)
    {
        Assert.Equal(month, Core.Time.DateParts.Of(jd, DatePart.Month));
        Assert.Equal(day, Core.Time.DateParts.Of(jd, DatePart.Day));
        Assert.Equal(hour, Core.Time.DateParts.Of(jd, DatePart.Hour));
        Assert.Equal(minute, Core.Time.DateParts.Of(jd, DatePart.Minute));
    }

    [Theory]
    [InlineData("nosuchfield gt 1", "nosuchfield")]
    [InlineData("month(lastdate) eq 'May'", "incompatible")]
    [InlineData("magpsf eq 'x'", "incompatible")]
    [InlineData("ndethist le 'many'", "incompatible")]
    [InlineData("candid eq 'x1'", "candid")]
    [InlineData("magpsf gt", null)]
    [InlineData("", "empty")]
    public void Unknown_fields_type_mismatches_and_bad_syntax_are_clear_errors(string text, string? part)
    {
        Assert.False(ODataFilterParser.TryParse(text, out var predicate, out var error));
        Assert.Null(predicate);
        Assert.False(string.IsNullOrWhiteSpace(error));
        if (part is not null)
            Assert.Contains(part, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_literal_too_large_for_a_decimal_is_a_clear_error_not_an_overflow()
    {
        // Found by the fuzz suite: fractionalseconds() is Edm.Decimal, and the binder's conversion of 1e30 overflowed.
        Assert.False(ODataFilterParser.TryParse("fractionalseconds(lastdate) le 1e30", out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    // Found by the fuzz suite: negating the smallest duration threw OverflowException; the smallest long wrapped round silently.
    [InlineData("-duration'-P10675199DT2H48M5.4775808S' le duration'P7D'")]
    [InlineData("-(-9223372036854775808) eq 1")]
    [InlineData("magpsf gt -(-9223372036854775808)")]
    public void Negating_the_smallest_value_of_a_type_is_a_clear_error(string text)
    {
        Assert.False(ODataFilterParser.TryParse(text, out _, out var error));
        Assert.Contains("outside the range", error);
    }

    [Fact]
    public void Filters_nested_deeper_than_every_backend_takes_are_refused()
    {
        // Found by the fuzz suite: 400 nested nots parsed, then the Elasticsearch query outgrew the JSON writer's depth.
        var deepest = string.Concat(Enumerable.Repeat("not ", FilterTranslator<object>.MaxDepth)) + "(magpsf gt 1)";

        Assert.True(ODataFilterParser.TryParse(deepest, out _, out var accepted), accepted);
        Assert.False(ODataFilterParser.TryParse("not " + deepest, out _, out var error));
        Assert.Contains("levels deep", error);
        Assert.False(ODataFilterParser.TryParse(string.Concat(Enumerable.Repeat("not ", 400)) + "true", out _, out _));
    }

    [Fact]
    public void The_predicate_runs_in_memory_on_alerts_as_the_store_runs_it()
    {
        var alert = Support.TestAlerts.Make(1, "ZTF21abc", 2459000.5, 10, 10, rfSnIa: 0.7, ndethist: 5);
        var other = Support.TestAlerts.Make(2, "ZTF21abd", 2459000.5, 10, 10, rfSnIa: 0.2, ndethist: 5);

        var test = PredicateEvaluator.Compile(ODataFilterParser.Parse("rf_snia_vs_nonia gt 0.5 and ndethist le 20")!);

        Assert.True(test(alert));
        Assert.False(test(other));
    }
}
