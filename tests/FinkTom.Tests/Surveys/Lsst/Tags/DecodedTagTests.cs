using FinkTom.Core.Surveys.Lsst;
using FinkTom.Core.Surveys.Lsst.Tags;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Surveys.Lsst.Tags;

/// <summary>Decoded Rubin alerts (files and Kafka share <c>LsstAlertDecoder.Decode</c>) carry every tag.</summary>
public sealed class DecodedTagTests
{
    [Fact]
    public void Data_transfer_sample_decodes_with_every_tag_column_set()
    {
        var alerts = LsstSamples.Read(LsstSamples.DataTransfer);

        Assert.Equal(7, alerts.Count);
        foreach (var alert in alerts)
            foreach (var tag in LsstTags.All)
            {
                var value = Assert.IsType<bool>(alert[tag.Column]);
                Assert.Equal(LsstTagEvaluator.Predicates[tag.Name](alert), value);
            }
    }

    [SharedDataFact]
    public void Rubin_native_shared_samples_decode_with_every_tag_column_set()
    {
        foreach (var path in new[] { LsstSamples.RubinV10, LsstSamples.RubinV11 })
            Assert.All(LsstSamples.Read(path), alert =>
                Assert.All(LsstTags.All, tag => Assert.IsType<bool>(alert[tag.Column])));
    }
}
