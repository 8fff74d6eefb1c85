using FinkTom.Core.Model;

namespace FinkTom.Tests.Ingest;

/// <summary>Spot checks of a raw ZTF alert (schema 3.3, record <c>ztf.alert</c>) against values known from fink-client.</summary>
public sealed class ZtfAlertDecodingTests
{
    private static readonly Alert Alert = SampleFiles.Single(SampleFiles.Ztf19acihgng);

    [Fact]
    public void RootAndCandidateFields_LandInTheirIColumns()
    {
        Assert.Equal("ZTF19acihgng", Alert.ObjectId);
        Assert.Equal(1060135832015015002L, Alert.Candid); // fink-client doctests
        Assert.Equal(2458814.6358333, Alert.Jd, 7);          // MANIFEST jd_min = jd_max
        Assert.Equal("3.3", Alert["i:schemavsn"]);
        Assert.Equal("ZTF (www.ztf.caltech.edu)", Alert["i:publisher"]);
        Assert.IsType<int>(Alert["i:fid"]);
        Assert.IsType<float>(Alert["i:magpsf"]);
        Assert.IsType<long>(Alert["i:pid"]);
        Assert.InRange((float)Alert["i:magpsf"]!, 10f, 25f);
        Assert.Null(Alert["i:fink_broker_version"]); // a raw ZTF packet has no Fink versions
        Assert.Null(Alert["d:cdsxmatch"]);
    }

    [Fact]
    public void History_HoldsDetectionsAndUpperLimits_OldestFirst()
    {
        Assert.Equal(34, Alert.History.Count); // prv_candidates of this packet
        Assert.All(Alert.History, p => Assert.Equal("ZTF19acihgng", p.ObjectId));
        Assert.All(Alert.History, p => Assert.True(p.Jd < Alert.Jd));

        var detections = Alert.History.Where(p => p.IsDetection).ToList();
        var upperLimits = Alert.History.Where(p => !p.IsDetection).ToList();
        Assert.NotEmpty(detections);
        Assert.All(detections, p => Assert.NotNull(p.Candid));
        Assert.NotEmpty(upperLimits);
        Assert.All(upperLimits, p => { Assert.Null(p.Candid); Assert.NotNull(p.DiffMagLim); });
    }

    [Fact]
    public void Cutouts_AreTheDeliveredGzippedFitsBytes()
    {
        var cutouts = Alert.Cutouts!;
        foreach (var kind in Enum.GetValues<CutoutKind>())
        {
            var bytes = cutouts.Get(kind)!;
            Assert.True(bytes.Length > 1000);
            Assert.Equal([0x1f, 0x8b], bytes[..2]); // gzip magic
        }
        Assert.Equal(13142, cutouts.Science!.Length); // stampData length in the packet
    }

    [Fact]
    public void RawZtfAlert_WithoutFinkValues_ClassifiesAsUnknown()
    {
        Assert.Equal("Unknown", Alert[ColumnCatalog.Classification]);
    }

    [Fact]
    public void MultiAlertFile_DecodesEveryAlertInOrder()
    {
        var alerts = SampleFiles.ReadAlerts(SampleFiles.ZtfMultiAlerts);
        var fileOrder = SampleFiles.ReadRecords(SampleFiles.ZtfMultiAlerts).Select(r => (string)SampleFiles.Field(r, "objectId")!);

        Assert.Equal(fileOrder, alerts.Select(a => a.ObjectId));
        Assert.Equal(["ZTF18abecvir", "ZTF18acjzbxi", "ZTF19abbpaqb"], alerts.Select(a => a.ObjectId).Order());
    }
}
