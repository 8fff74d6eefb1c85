using System.Globalization;
using FinkTom.Core.Model;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst.Tags;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Surveys.Lsst;

/// <summary>
/// <c>/lsst/api/v1/tags</c> end to end: alerts written through the server's own writer carry the tags evaluated on them,
/// and the endpoint returns the <c>n</c> latest that passed, newest first (contract §2.11). Own server: it adds alerts.
/// </summary>
public sealed class LsstTagsApiTests(FinkTomFactory factory) : IClassFixture<FinkTomFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>Copies of a sample alert at later times with new ids, the even ones with a TNS counterpart.</summary>
    private static List<Alert> Fresh(int count)
    {
        var template = LsstSamples.Read(LsstSamples.DataTransfer).First(a => a["r:diaObjectId"] is long);
        var alerts = new List<Alert>();
        for (var i = 0; i < count; i++)
        {
            var alert = new Alert(Survey.Lsst);
            template.Values.CopyTo(alert.Values, 0);
            alert["r:diaSourceId"] = 180000000000000001L + i;
            alert["r:diaObjectId"] = 180000000000000000L + i;
            alert["r:midpointMjdTai"] = 61200.0 + i * 0.01;
            alert["f:xm_tns_fullname"] = i % 2 == 0 ? $"SN 2026t{i}" : null;
            LsstTagEvaluator.Apply(alert);
            alerts.Add(alert);
        }
        return alerts;
    }

    [Fact]
    public async Task The_latest_alerts_of_a_tag_come_newest_first_and_n_limits_them()
    {
        var alerts = Fresh(30);
        var result = await factory.Writer.WriteAsync(alerts);
        Assert.Equal(30, result.Stored);

        var tagged = alerts.Where(a => a["t:in_tns"] is true).OrderByDescending(a => a.Time).ToList();
        var rows = await ApiJson.Records(await _client.GetAsync("/lsst/api/v1/tags?tag=in_tns"));
        var five = await ApiJson.Records(await ApiJson.Post(_client, "/lsst/api/v1/tags", new { tag = "in_tns", n = 5, columns = "r:diaSourceId,r:midpointMjdTai" }));
        var csv = await _client.GetStringAsync("/lsst/api/v1/tags?tag=in_tns&n=5&columns=r:diaSourceId&output-format=csv");
        var window = await ApiJson.Records(await _client.GetAsync("/lsst/api/v1/tags?tag=in_tns&n=100&startdate=61200.05&stopdate=61200.15"));

        Assert.Equal(15, tagged.Count);
        Assert.Equal(tagged.Take(10).Select(a => a.Id), rows.Select(r => r["r:diaSourceId"].GetInt64())); // Fink's default n = 10
        Assert.Equal(tagged.Take(5).Select(a => a.Id), five.Select(r => r["r:diaSourceId"].GetInt64()));
        Assert.Equal(tagged.Take(5).Select(a => a.Id.ToString(CultureInfo.InvariantCulture)), csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1));
        Assert.Equal(tagged.Where(a => a.Time is >= 61200.05 and <= 61200.15).Select(a => a.Id), window.Select(r => r["r:diaSourceId"].GetInt64()));
    }
}
