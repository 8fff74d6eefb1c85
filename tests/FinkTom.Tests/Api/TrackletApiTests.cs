using FinkTom.Core.Model;
using FinkTom.Core.Time;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Api;

/// <summary><c>/api/v1/tracklet</c> on its own server: the samples (which hold no tracklet) plus satellite-glint alerts.</summary>
public sealed class TrackletApiTests(TrackletApiTests.Server server) : IClassFixture<TrackletApiTests.Server>
{
    private readonly HttpClient _client = server.Factory.CreateClient();

    public sealed class Server : IAsyncLifetime
    {
        public FinkTomFactory Factory { get; } = new();

        public async ValueTask InitializeAsync()
        {
            var alerts = new List<Alert>();
            var candid = 8_000_000_000L;
            void Add(string tracklet, DateTime time, params string[] objects)
            {
                foreach (var objectId in objects)
                {
                    var alert = TestAlerts.Make(++candid, objectId, JulianDate.FromDateTime(time), 30 + candid % 7, 10, jdstarthist: JulianDate.FromDateTime(time));
                    alert["d:tracklet"] = tracklet;
                    alerts.Add(alert);
                }
            }
            Add("TRCK_20211022_091949_00", new DateTime(2021, 10, 22, 9, 19, 49, DateTimeKind.Utc), "ZTF21trkaaab", "ZTF21trkaaaa", "ZTF21trkaaac");
            Add("TRCK_20211022_091949_01", new DateTime(2021, 10, 22, 9, 19, 49, DateTimeKind.Utc), "ZTF21trkaaad");
            Add("TRCK_20211022_100012_00", new DateTime(2021, 10, 22, 10, 0, 12, DateTimeKind.Utc), "ZTF21trkaaae");
            Add("TRCK_20211023_030000_00", new DateTime(2021, 10, 23, 3, 0, 0, DateTimeKind.Utc), "ZTF21trkaaaf");
            await Factory.Writer.WriteAsync(alerts);
        }

        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
    }

    private async Task<List<string>> Objects(object body)
    {
        var response = await ApiJson.Post(_client, "/api/v1/tracklet", body);
        Assert.Equal(200, (int)response.StatusCode);
        return (await ApiJson.Records(response)).Select(r => r.Str("i:objectId")).ToList();
    }

    [Fact]
    public async Task A_tracklet_id_gives_its_alerts_by_object_with_full_rows()
    {
        var response = await ApiJson.Post(_client, "/api/v1/tracklet", new { id = "TRCK_20211022_091949_00" });
        var rows = await ApiJson.Records(response);

        Assert.Equal(["ZTF21trkaaaa", "ZTF21trkaaab", "ZTF21trkaaac"], rows.Select(r => r.Str("i:objectId")));
        Assert.All(rows, r => Assert.Equal("TRCK_20211022_091949_00", r.Str("d:tracklet")));
        Assert.Contains("v:classification", rows[0].Keys);
    }

    [Fact]
    public async Task A_prefix_or_a_date_gives_every_tracklet_it_covers()
    {
        Assert.Equal(["ZTF21trkaaaa", "ZTF21trkaaab", "ZTF21trkaaac", "ZTF21trkaaad"], await Objects(new { id = "TRCK_20211022_0919" }));
        Assert.Equal(["ZTF21trkaaaa", "ZTF21trkaaab", "ZTF21trkaaac", "ZTF21trkaaad", "ZTF21trkaaae"], await Objects(new { date = "2021-10-22" }));
        Assert.Equal(["ZTF21trkaaad"], await Objects(new { date = "2021-10-22 09:19:49 01" }));
        Assert.Equal(["ZTF21trkaaaf"], await Objects(new { date = "2021-10-23 03" }));
        Assert.Empty(await Objects(new { date = "2021-10-24" }));
    }

    [Fact]
    public async Task Columns_and_formats_apply()
    {
        var csv = await (await _client.GetAsync("/api/v1/tracklet?id=TRCK_20211022_1000&columns=i:objectId,d:tracklet&output-format=csv")).Content.ReadAsStringAsync();

        Assert.Equal("i:objectId,d:tracklet\nZTF21trkaaae,TRCK_20211022_100012_00\n", csv.Replace("\r\n", "\n"));
    }

    [Theory]
    [InlineData("", "date")]
    [InlineData("date=22/10/2021", "date")]
    [InlineData("id=2021-10-22", "id")]
    [InlineData("id=TRCK_2021", "id")]
    public async Task Without_a_usable_date_or_id_it_is_a_400_naming_it(string query, string parameter)
    {
        await ApiJson.AssertError(await _client.GetAsync("/api/v1/tracklet?" + query), parameter);
    }
}
