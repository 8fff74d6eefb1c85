using FinkTom.Core.Model;
using FinkTom.Core.Surveys;
using FinkTom.Core.Validation;

namespace FinkTom.Tests.CoreModel;

/// <summary>A survey is data: its descriptor names the columns that play the shared parts, and the shared machinery
/// (the alert model, the validation gate) reads them instead of naming ZTF's.</summary>
public sealed class SurveyTests
{
    /// <summary>A made-up survey of seven columns: 64-bit object ids, MJD in TAI, band letters.</summary>
    internal static Survey Toy { get; } = CreateToy();

    private static Survey CreateToy()
    {
        var catalog = new AlertCatalog([
            ("t:sourceId", ColumnType.Long, false), ("t:objectId", ColumnType.Long, false), ("t:mjd", ColumnType.Double, false),
            ("t:ra", ColumnType.Double, false), ("t:dec", ColumnType.Double, false), ("t:band", ColumnType.String, true),
            ("t:flux", ColumnType.Float, true),
        ]);
        return new Survey
        {
            Name = "toy",
            Title = "A toy survey for tests",
            Catalog = catalog,
            AlertId = catalog.Get("t:sourceId"),
            ObjectId = catalog.Get("t:objectId"),
            Time = catalog.Get("t:mjd"),
            TimeAxis = TimeAxis.ModifiedJulianDateTai,
            Ra = catalog.Get("t:ra"),
            Dec = catalog.Get("t:dec"),
            Band = catalog.Get("t:band"),
            History = [],
            Cutouts = CutoutFormat.Fits,
            StorageName = "toy_",
        };
    }

    private static Alert ToyAlert(long id, long objectId, double mjd, double ra = 10, double dec = -20)
    {
        var alert = new Alert(Toy);
        alert["t:sourceId"] = id;
        alert["t:objectId"] = objectId;
        alert["t:mjd"] = mjd;
        alert["t:ra"] = ra;
        alert["t:dec"] = dec;
        alert["t:flux"] = 1234.5f;
        return alert;
    }

    [Fact]
    public void Ztf_is_described_by_its_own_columns_in_fink_order()
    {
        var ztf = Survey.Ztf;

        Assert.Equal(("i:candid", "i:objectId", "i:jd", "i:ra", "i:dec", "i:fid"),
            (ztf.AlertId.Name, ztf.ObjectId.Name, ztf.Time.Name, ztf.Ra.Name, ztf.Dec.Name, ztf.Band!.Name));
        Assert.Equal(ColumnType.String, ztf.ObjectId.Type);
        Assert.Equal(("jd", "utc"), (ztf.TimeAxis.Unit, ztf.TimeAxis.Scale));
        Assert.Same(ColumnCatalog.Stored, ztf.Catalog.Stored);
        Assert.Equal("d:DR3Name", ztf.Catalog.Stored[0].Name); // d: before i:, byte order within each
        Assert.Equal("d:classification", ztf.Catalog.Stored[^1].Name);
        Assert.Equal(ztf.Catalog.Stored.Select(c => c.Ordinal), Enumerable.Range(0, ztf.Catalog.Stored.Count));
        Assert.Equal("r", ztf.BandNames[2]);
    }

    [Fact]
    public void An_alert_of_another_survey_is_sized_and_keyed_by_that_survey()
    {
        var alert = ToyAlert(987654321098765432, 313761043604045880, 61176.9896294959);

        Assert.Equal(7, alert.Values.Length);
        Assert.Equal(987654321098765432, alert.Id);
        Assert.Equal("313761043604045880", alert.ObjectId); // 64-bit ids exact, as text
        Assert.Equal(61176.9896294959, alert.Time);
        Assert.Equal(1234.5f, alert["t:flux"]);
        Assert.Throws<KeyNotFoundException>(() => alert["i:jd"]);
    }

    [Fact]
    public void The_validation_gate_checks_each_survey_against_its_own_keys_and_time_axis()
    {
        Assert.True(AlertValidation.Check(ToyAlert(1, 2, 61176.5)).IsValid);
        // A ZTF-style JD is no MJD: far beyond the toy survey's time axis.
        Assert.Contains("mjd must be a finite modified Julian date (TAI)", AlertValidation.Check(ToyAlert(1, 2, 2461176.5)).Rejection);
        Assert.Contains("objectId", AlertValidation.Check(ToyAlert(1, 0, 61176.5)).Rejection);
        Assert.Contains("sourceId", AlertValidation.Check(ToyAlert(-1, 2, 61176.5)).Rejection);
        Assert.Contains("dec", AlertValidation.Check(ToyAlert(1, 2, 61176.5, dec: 91)).Rejection);
    }

    [Fact]
    public void A_catalogue_refuses_a_column_without_family_or_named_twice()
    {
        Assert.Throws<ArgumentException>(() => new AlertCatalog([("flux", ColumnType.Float, true)]));
        Assert.Throws<ArgumentException>(() => new AlertCatalog([("t:a", ColumnType.Float, true), ("t:a", ColumnType.Int, true)]));
    }
}
