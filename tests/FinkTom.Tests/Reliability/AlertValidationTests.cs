using FinkTom.Core.Model;
using FinkTom.Core.Validation;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Reliability;

/// <summary>The one gate every alert passes before a store keeps it (files, Kafka, proxy, and the stores themselves).</summary>
public sealed class AlertValidationTests
{
    private static Alert Good() => TestAlerts.Make(1234567890123456789, "ZTF21abcdefg", 2459500.75, 193.82, 2.89);

    public static TheoryData<string, object?, string> ImpossibleKeys => new()
    {
        { "i:jd", double.NaN, "jd" },
        { "i:jd", double.PositiveInfinity, "jd" },
        { "i:jd", double.NegativeInfinity, "jd" },
        { "i:jd", -1e300, "jd" },
        { "i:jd", 0.0, "jd" },
        { "i:jd", null, "jd" },
        { "i:ra", double.NaN, "ra" },
        { "i:ra", double.PositiveInfinity, "ra" },
        { "i:ra", -0.5, "ra" },
        { "i:ra", 360.5, "ra" },
        { "i:dec", 1000.0, "dec" },
        { "i:dec", -90.0001, "dec" },
        { "i:dec", double.NaN, "dec" },
        { "i:candid", 0L, "candid" },
        { "i:candid", -5L, "candid" },
        { "i:candid", null, "candid" },
        { "i:objectId", "", "objectId" },
        { "i:objectId", new string('Z', 65), "objectId" },
        { "i:objectId", "ZTF\n21abc", "objectId" },
    };

    [Theory]
    [MemberData(nameof(ImpossibleKeys))]
    public void An_alert_with_an_impossible_key_value_is_rejected_with_a_reason_naming_the_column(string column, object? value, string named)
    {
        var alert = Good();
        alert[column] = value;

        var verdict = AlertValidation.Check(alert);

        Assert.False(verdict.IsValid);
        Assert.Contains(named, verdict.Rejection);
    }

    [Theory]
    [InlineData(0.0, -90.0)]
    [InlineData(360.0, 90.0)]
    [InlineData(0.000001, 0.0)]
    public void Positions_on_the_edges_of_the_sky_are_accepted(double ra, double dec)
    {
        var alert = Good();
        alert["i:ra"] = ra;
        alert["i:dec"] = dec;

        Assert.True(AlertValidation.Check(alert).IsValid);
    }

    [Fact]
    public void Non_finite_values_of_other_columns_become_missing_values_and_are_counted()
    {
        var alert = Good();
        alert["i:magpsf"] = float.PositiveInfinity;
        alert["d:rf_snia_vs_nonia"] = double.NaN;
        alert["i:sigmapsf"] = float.NegativeInfinity;

        var verdict = AlertValidation.Check(alert);

        Assert.True(verdict.IsValid);
        Assert.Equal(3, verdict.ValuesCleared);
        Assert.Null(alert["i:magpsf"]);
        Assert.Null(alert["d:rf_snia_vs_nonia"]);
        Assert.Null(alert["i:sigmapsf"]);
        Assert.Equal(2459500.75, alert.Jd); // keys untouched
    }

    [Fact]
    public void Text_that_is_not_valid_unicode_rejects_the_alert()
    {
        var alert = Good();
        alert["d:cdsxmatch"] = "RRLyr\ud800"; // a lone surrogate, as a JSON escape can produce: no UTF-8 encoding exists

        Assert.Contains("d:cdsxmatch", AlertValidation.Check(alert).Rejection);
    }

    [Fact]
    public void History_points_with_impossible_times_or_positions_are_dropped_and_the_rest_kept()
    {
        var alert = Good();
        HistoryPoint Point(double jd) => new() { ObjectId = alert.ObjectId, Jd = jd, Fid = 1, MagPsf = 18f };
        alert.History.AddRange([
            Point(2459490.5),
            Point(double.NaN),
            Point(double.PositiveInfinity),
            Point(2459491.5) with { Dec = 400 },
            Point(2459492.5) with { ObjectId = "ZTF99other" },
            Point(2459493.5) with { MagPsf = float.NaN, DiffMagLim = 20.5f },
        ]);

        var verdict = AlertValidation.Check(alert);

        Assert.True(verdict.IsValid);
        Assert.Equal(4, verdict.HistoryDropped);
        Assert.Equal([2459490.5, 2459493.5], alert.History.Select(p => p.Jd));
        Assert.Null(alert.History[1].MagPsf); // NaN magnitude: an upper limit, as ZTF means it
        Assert.Equal(1, verdict.ValuesCleared);
    }

    [Fact]
    public void Storable_keeps_the_valid_alerts_of_a_batch_in_order_and_counts_the_others()
    {
        var batch = Enumerable.Range(1, 5).Select(i => TestAlerts.Make(i, $"ZTF21obj{i}", 2459500.5 + i, 10 * i, 0)).ToList();
        batch[1]["i:jd"] = double.NaN;
        batch[3]["i:dec"] = 1000.0;

        var kept = AlertValidation.Storable(batch, FinkTom.Core.Surveys.Survey.Ztf, out var rejected);

        Assert.Equal(2, rejected);
        Assert.Equal([1L, 3L, 5L], kept.Select(a => a.Candid));
    }

    [Fact]
    public void A_batch_that_is_all_valid_is_passed_on_as_it_is()
    {
        var batch = new List<Alert> { Good() };

        Assert.Same(batch, AlertValidation.Storable(batch, FinkTom.Core.Surveys.Survey.Ztf, out var rejected));
        Assert.Equal(0, rejected);
    }
}
