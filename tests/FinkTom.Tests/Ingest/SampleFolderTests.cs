using FinkTom.Core.Model;
using FinkTom.Core.Surveys;
using FinkTom.Ingest.Files;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Ingest;

/// <summary>The repository's bundled <c>samples/</c> folder, read the way <c>finktom serve</c> ingests it on first start.</summary>
public sealed class SampleFolderTests
{
    [Fact]
    public void SamplesFolder_DecodesTo352ZtfAnd7RubinAlerts_WithNoRejection()
    {
        var rejections = new List<IngestRejection>();
        var files = AlertFileFinder.Find([TestPaths.Samples], rejections.Add);
        var reader = new AlertFileReader();

        var alerts = files.SelectMany(f => reader.Read(f.FullName, rejections.Add)).ToList();

        Assert.Empty(rejections);
        Assert.Equal(203, files.Count); // every *.avro below samples/, the JSON schema and README excluded
        var ztf = alerts.Where(a => a.Survey == Survey.Ztf).ToList();
        Assert.Equal(352, ztf.Count); // samples/README.md
        Assert.Equal(7, alerts.Count(a => a.Survey == Survey.Lsst));
        Assert.All(ztf, a =>
        {
            Assert.StartsWith("ZTF", a.ObjectId);
            Assert.True(a.Candid > 0);
            Assert.InRange(a.Jd, 2458000, 2462000);
            Assert.NotNull(a[ColumnCatalog.Classification]);
        });
    }

    [Fact]
    public void EverySampleValue_HasTheClrTypeOfItsColumn()
    {
        var alerts = Directory.EnumerateFiles(TestPaths.Samples, "*.avro", SearchOption.AllDirectories)
            .SelectMany(SampleFiles.ReadAlerts);

        foreach (var alert in alerts)
        {
            foreach (var column in alert.Survey.Catalog.Stored)
            {
                var value = alert[column];
                if (value is null)
                    continue;
                var expected = column.Type switch
                {
                    ColumnType.Int => typeof(int),
                    ColumnType.Long => typeof(long),
                    ColumnType.Float => typeof(float),
                    ColumnType.Double => typeof(double),
                    ColumnType.String => typeof(string),
                    _ => typeof(bool),
                };
                Assert.True(value.GetType() == expected, $"{alert.ObjectId} {column.Name}: {value.GetType().Name} instead of {expected.Name}");
            }
        }
    }

    /// <summary>Our container reader (with record reuse and pooled buffers) against Apache.Avro's DataFileReader.</summary>
    [Fact]
    public void ContainerReader_GivesTheSameAlertsAsApacheAvrosDataFileReader()
    {
        string[] files = [SampleFiles.DataTransfer, SampleFiles.Snappy, SampleFiles.Fink2020, SampleFiles.ZtfMultiAlerts];
        foreach (var file in files)
        {
            var ours = SampleFiles.ReadAlerts(file);
            var reference = SampleFiles.ReadRecords(file).Select(SampleFiles.Decoder.Decode).ToList();

            Assert.Equal(reference.Count, ours.Count);
            for (var i = 0; i < ours.Count; i++)
            {
                Assert.Equal(reference[i].Values, ours[i].Values);
                Assert.Equal(reference[i].History, ours[i].History);
                Assert.Equal(reference[i].Cutouts!.Science, ours[i].Cutouts!.Science);
                Assert.Equal(reference[i].Cutouts!.Difference, ours[i].Cutouts!.Difference);
            }
            Assert.Equal(ours.Count, ours.Select(a => a.Cutouts!.Science).Distinct().Count()); // no shared (reused) buffers
        }
    }
}
