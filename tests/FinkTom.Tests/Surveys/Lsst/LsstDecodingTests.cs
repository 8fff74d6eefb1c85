using System.Text;
using FinkTom.Core.Model;
using FinkTom.Core.Sky;
using FinkTom.Core.Surveys;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Surveys.Lsst;

/// <summary>Rubin alerts in both layouts decoded onto the LSST catalogue (contract fink-lsst-api.md §1.4, §4, §5).</summary>
public sealed class LsstDecodingTests
{
    private static readonly HistoryKind Forced = Survey.Lsst.History.Single(k => k.Stored);
    private static readonly HistoryKind Previous = Survey.Lsst.History.Single(k => !k.Stored);

    [Fact]
    public void Fink_data_transfer_alerts_keep_their_64_bit_ids_exactly()
    {
        var alerts = LsstSamples.Read(LsstSamples.DataTransfer);

        Assert.Equal(7, alerts.Count);
        Assert.All(alerts, a => Assert.Same(Survey.Lsst, a.Survey));
        // Through a double these would come back rounded (…322680 → …322688).
        Assert.Contains(alerts, a => a.Id == 170094456272322680L && a["r:diaObjectId"] is 170028485706776685L);
        Assert.Equal("170028485706776685", alerts.Single(a => a.Id == 170094456272322680L).ObjectId);
    }

    [Fact]
    public void The_catalogue_keeps_the_object_s_own_position_beside_the_diaSource_s_and_nothing_else_twice()
    {
        var own = Survey.Lsst.Catalog.Family("o").Select(c => c.Field).Order();
        Assert.Equal(["dec", "decErr", "ra", "raErr", "ra_dec_Cov"], own);
        Assert.Equal(Survey.Lsst.Catalog.Stored.Count, Survey.Lsst.Catalog.Stored.Select(c => c.SafeName).Distinct().Count());
    }

    [Fact]
    public void Solar_system_alerts_have_no_object_and_carry_their_designation()
    {
        var alerts = LsstSamples.Read(LsstSamples.DataTransfer);
        var sso = alerts.Where(a => a["f:is_sso"] is true).ToList();

        // Contract §5.1: Rubin writes diaObjectId 0 for these; the ssObjectId is the packed designation's bytes.
        Assert.Equal(2, sso.Count);
        Assert.All(sso, a => Assert.Null(a["r:diaObjectId"]));
        Assert.Equal(["K04J12Q", "K20S88J"], sso.Select(a => (string)a["r:packed_primary_provisional_designation"]!).Order());
        Assert.All(sso, a => Assert.Equal(BigEndian((string)a["r:packed_primary_provisional_designation"]!), a["r:ssObjectId"]));
        Assert.All(alerts.Except(sso), a =>
        {
            Assert.IsType<long>(a["r:diaObjectId"]);
            Assert.Null(a["r:ssObjectId"]); // 0 in the packet
            Assert.Null(a["r:packed_primary_provisional_designation"]);
        });
    }

    [Fact]
    public void Sections_fill_their_columns_and_the_object_keeps_its_own_position()
    {
        foreach (var alert in LsstSamples.Read(LsstSamples.DataTransfer).Where(a => a["f:is_sso"] is false))
        {
            Assert.Equal("lsst.v10_0", alert["f:lsst_schema_version"]);
            Assert.Contains((string)alert["r:band"]!, new[] { "u", "g", "r", "i", "z", "y" });
            Assert.InRange(alert.Time, 61000, 61200); // MJD (TAI), March 2026
            Assert.IsType<int>(alert["r:nDiaSources"]);
            Assert.IsType<float>(alert["r:psfFlux"]);
            // diaObject.ra is the object's mean position: close to, but not, the diaSource's.
            var objectRa = (double)alert["o:ra"]!;
            Assert.InRange(Math.Abs(objectRa - alert.Ra) * 3600 * Math.Cos(alert.Dec * Math.PI / 180), 0, 1.0);
            Assert.Equal(Healpix.PixelRing(1024, alert.Ra, alert.Dec), alert["f:pixel1024"]);
            Assert.NotNull(alert["f:firstDiaSourceMjdTaiFink"]);
            Assert.True((double)alert["f:firstDiaSourceMjdTaiFink"]! <= alert.Time);
        }
    }

    [Fact]
    public void History_and_forced_photometry_belong_to_the_alert_object()
    {
        var alert = LsstSamples.Read(LsstSamples.DataTransfer).First(a => a["f:is_sso"] is false);

        var previous = alert.Measurements.Where(m => m.Kind == Previous).ToList();
        var forced = alert.Measurements.Where(m => m.Kind == Forced).ToList();
        Assert.NotEmpty(previous);
        Assert.NotEmpty(forced);
        Assert.All(previous.Concat(forced), m => Assert.Equal(alert["r:diaObjectId"], m["r:diaObjectId"]));
        Assert.All(previous, m => Assert.True(m.Time < alert.Time));
        // Fink's misc.firstDiaSourceMjdTaiFink is the earliest previous diaSource.
        Assert.Equal(previous.Min(m => m.Time), (double)alert["f:firstDiaSourceMjdTaiFink"]!, 9);
        Assert.Equal(forced.Count, forced.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public void Cutouts_are_raw_multi_extension_fits_kept_byte_for_byte()
    {
        foreach (var alert in LsstSamples.Read(LsstSamples.DataTransfer))
        {
            var cutouts = alert.Cutouts!;
            foreach (var stamp in new[] { cutouts.Science!, cutouts.Template!, cutouts.Difference! })
            {
                Assert.Equal("SIMPLE  =", Encoding.ASCII.GetString(stamp, 0, 9)); // not gzip (ZTF's are)
                Assert.Equal(0, stamp.Length % 2880); // whole FITS blocks
                Assert.Contains("EXTNAME = 'UNCERT", Encoding.ASCII.GetString(stamp));
            }
        }
    }

    [SharedDataFact]
    public void Rubin_native_v10_and_v11_samples_decode_to_the_same_values_shared_data()
    {
        var v10 = Assert.Single(LsstSamples.Read(LsstSamples.RubinV10));
        var v11 = Assert.Single(LsstSamples.Read(LsstSamples.RubinV11));

        Assert.Equal("lsst.v10_0", v10["f:lsst_schema_version"]);
        Assert.Equal("lsst.v11_0", v11["f:lsst_schema_version"]);
        // alert.json of the sample: the root diaSourceId is first in Fink's column rules (§1.4).
        Assert.Equal(1231321321L, v10.Id);
        Assert.Equal(60902.993305483615, v10.Time, 9);
        Assert.Equal("r", v10["r:band"]);
        Assert.False((bool)v10["f:is_sso"]!); // derived: no ssSource
        // Same record otherwise; v11's sample fills the ints v11 made non-nullable (its README), v10's leaves some null.
        for (var i = 0; i < v10.Values.Length; i++)
        {
            var column = Survey.Lsst.Catalog.Stored[i];
            if (FinkTom.Core.Surveys.Lsst.RubinRecords.NonNullableInV11.Contains(column.Field) && column.Family == "r")
                Assert.IsType<int>(v11.Values[i]);
            else if (column.Name != "f:lsst_schema_version")
                Assert.True(Equals(v10.Values[i], v11.Values[i]), $"{column.Name}: {v10.Values[i]} vs {v11.Values[i]}");
        }
        Assert.Equal(v10.Measurements.Count, v11.Measurements.Count);
    }

    private static long BigEndian(string ascii) => ascii.Aggregate(0L, (n, c) => (n << 8) | c);
}
