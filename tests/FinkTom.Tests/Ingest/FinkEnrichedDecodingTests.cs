using System.Text.Json;
using FinkTom.Core.Model;

namespace FinkTom.Tests.Ingest;

/// <summary>Fink-enriched packets: the Data Transfer output (<c>topLevelRecord.value</c>), Spark's snappy files and
/// the 2019 stream format. Expected values are those printed by a plain Avro dump of the same files.</summary>
public sealed class FinkEnrichedDecodingTests
{
    private static readonly List<Alert> DataTransfer = SampleFiles.ReadAlerts(SampleFiles.DataTransfer);

    private static Alert ByObject(string objectId) => DataTransfer.Single(a => a.ObjectId == objectId);

    [Fact]
    public void DataTransfer_FinkAddedValues_LandInTheirDColumns()
    {
        var alert = ByObject("ZTF26aaklfaa");

        Assert.Equal("Unknown", alert["d:cdsxmatch"]);
        Assert.Equal(0.477, alert["d:rf_snia_vs_nonia"]);
        Assert.Equal(0.7804589867591858, alert["d:snn_snia_vs_nonia"]);
        Assert.Equal(0.6129918098449707, alert["d:snn_sn_vs_all"]);
        Assert.Equal(0.26666666666666666, alert["d:rf_kn_vs_nonkn"]);
        Assert.Equal(0, alert["d:roid"]);
        Assert.Equal(12, alert["d:nalerthist"]);
        Assert.Equal(-0.015514722093939781, alert["d:anomaly_score"]); // not one of the anomaly_score_* variants
        Assert.Equal(true, alert["d:is_transient"]);
        Assert.Equal(false, alert["d:from_upper"]);
        Assert.Equal(-1f, alert["d:slsn_score"]); // Avro double → catalogue float
        Assert.Equal(-1, alert["d:spicy_id"]);
        Assert.Equal("", alert["d:tns"]);
        Assert.Null(alert["d:tracklet"]);
        Assert.Equal("4.1", alert["i:fink_broker_version"]);
        Assert.Equal("8.41.0", alert["i:fink_science_version"]);
        Assert.Equal("Fink", alert["i:publisher"]);
        Assert.Equal("4.02", alert["i:schemavsn"]);
        Assert.Equal(54, alert.History.Count);
    }

    [Fact]
    public void DataTransfer_GaiaFields_KeepTheirDeliveredValues()
    {
        var alert = ByObject("ZTF26aamcbly");
        Assert.Equal("Gaia DR3 4175170869892010752", alert["d:DR3Name"]);
        Assert.Equal(0.8774f, alert["d:Plx"]);
        Assert.Equal(0.0254f, alert["d:e_Plx"]);
        Assert.Equal("nan", alert["d:vsx"]); // Fink writes the string "nan" for no match
        Assert.Equal(-1.5866770026103747, alert["d:mag_rate"]);
    }

    [Fact]
    public void DataTransfer_MangroveAndBlazarMaps_AreFlattened()
    {
        var alert = ByObject("ZTF26aaklfaa");
        Assert.Equal("None", alert["d:mangrove_HyperLEDA_name"]);
        Assert.Equal("None", alert["d:mangrove_2MASS_name"]);
        Assert.Equal("None", alert["d:mangrove_lum_dist"]);
        Assert.Equal("None", alert["d:mangrove_ang_dist"]);
        Assert.Equal(-1f, alert["d:blazar_stats_m0"]);
        Assert.Equal(-1f, alert["d:blazar_stats_m1"]);
        Assert.Equal(-1f, alert["d:blazar_stats_m2"]);
        Assert.Null(alert["d:blazar_stats_instantness_low"]); // fink-science 8.41 < 8.42: not computed yet
    }

    [Fact]
    public void DataTransfer_LightCurveFeatures_AreJsonArraysOf26InContractOrder()
    {
        var alert = ByObject("ZTF26aaklfaa");
        using var g = JsonDocument.Parse((string)alert["d:lc_features_g"]!);
        var features = g.RootElement.EnumerateArray().ToList();

        Assert.Equal(26, features.Count);
        Assert.Equal(19.240175247192383, features[0].GetDouble());    // mean
        Assert.Equal(19.200260997778166, features[1].GetDouble());    // weighted_mean
        Assert.Equal(0.44582896124878696, features[2].GetDouble());   // standard_deviation
        Assert.Equal(-0.13181765326434744, features[9].GetDouble());  // linear_trend
        Assert.Equal(0.15709972381591797, features[18].GetDouble());  // median_absolute_deviation

        using var r = JsonDocument.Parse((string)alert["d:lc_features_r"]!);
        Assert.Equal(19.24712308247884, r.RootElement[0].GetDouble());
    }

    [Fact]
    public void DataTransfer_NaNLightCurveFeatures_BecomeJsonNull()
    {
        var alert = ByObject("ZTF26aamcbly"); // 2 g-band points: most features are NaN in the packet
        using var g = JsonDocument.Parse((string)alert["d:lc_features_g"]!);
        var features = g.RootElement.EnumerateArray().ToList();

        Assert.Equal(26, features.Count);
        Assert.Equal(16.062317201141084, features[0].GetDouble());
        Assert.Equal(JsonValueKind.Null, features[2].ValueKind); // standard_deviation = NaN
        Assert.Equal(0, features[4].GetDouble());                // amplitude = 0
        Assert.Equal(JsonValueKind.Null, features[25].ValueKind); // stetson_K = NaN
    }

    /// <summary>Data Transfer adds <c>finkclass</c>, computed by Fink with the algorithm of contract §1.7: our
    /// classification of the decoded values must agree with it on every alert.</summary>
    [Fact]
    public void DataTransfer_OurClassification_MatchesFinksFinkclassField()
    {
        var finkClasses = SampleFiles.ReadRecords(SampleFiles.DataTransfer)
            .ToDictionary(r => (long)SampleFiles.Field(r, "candid")!, r => (string?)SampleFiles.Field(r, "finkclass"));

        Assert.Equal(31, DataTransfer.Count);
        Assert.All(DataTransfer, a => Assert.Equal(finkClasses[a.Candid], a[ColumnCatalog.Classification]));
    }

    [Fact]
    public void DataTransfer_DroppedRootFields_AreExactlyThoseWithoutACatalogueColumn()
    {
        var schema = (global::Avro.RecordSchema)SampleFiles.ReadRecords(SampleFiles.DataTransfer)[0].Schema;

        var dropped = SampleFiles.Decoder.GetUnmappedFields(schema).Order(StringComparer.Ordinal);

        Assert.Equal(
        [
            "anomaly_score_anais", "anomaly_score_beta", "anomaly_score_emille", "anomaly_score_emille_30days",
            "anomaly_score_julien", "anomaly_score_maria", "anomaly_score_varvara", "brokerEndProcessTimestamp",
            "brokerIngestTimestamp", "brokerStartProcessTimestamp", "day", "finkclass", "month", "timestamp", "tnsclass", "year",
        ], dropped);
    }

    [Fact]
    public void SnappyCodedSparkFile_DecodesWithFinkValues_AndNarrowsDoublesToFloatColumns()
    {
        var alerts = SampleFiles.ReadAlerts(SampleFiles.Snappy);

        Assert.Equal(54, alerts.Count); // MANIFEST
        Assert.All(alerts, a =>
        {
            Assert.Equal("1.4", a["i:fink_broker_version"]);
            Assert.Equal("0.5.1", a["i:fink_science_version"]);
            Assert.IsType<float>(a["i:magpsf"]);   // written by Spark as double
            Assert.IsType<int>(a["i:fid"]);        // written by Spark as long
            Assert.IsType<double>(a["d:rf_snia_vs_nonia"]);
            Assert.IsType<string>(a["d:cdsxmatch"]);
            Assert.IsType<int>(a["d:roid"]);
        });
        Assert.Contains(alerts, a => a.History.Count > 0 && a.History.All(p => p.MagPsf is null || p.MagPsf > 10));
    }

    [Fact]
    public void Fink2019Format_CdsxmatchIsKept_AndDrivesTheClass()
    {
        var alert = SampleFiles.Single(SampleFiles.Fink2019);

        Assert.Equal("ZTF18abvcdqu", alert.ObjectId);
        Assert.Equal(1048092120315015012L, alert.Candid);
        Assert.Equal("RRLyr", alert["d:cdsxmatch"]);
        Assert.Equal("RRLyr", alert[ColumnCatalog.Classification]); // a SIMBAD label wins (contract §1.7)
        Assert.Equal("Fink", alert["i:publisher"]);
        Assert.Equal(23, alert.History.Count);
    }
}
