using System.Text.Json.Nodes;
using FinkTom.Server.SkyMaps;
using FinkTom.Tests.SkyMaps;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Api;

/// <summary>
/// <c>/api/v1/skymap</c> on its own server (the samples plus alerts placed around S200219ac), sent the real BAYESTAR map
/// as Fink clients send it: Python's str(bytes) in a JSON body.
/// </summary>
public sealed class SkyMapApiTests(SkyMapApiTests.Server server) : IClassFixture<SkyMapApiTests.Server>
{
    private readonly HttpClient _client = server.CreateClient();

    /// <summary>The sample store plus objects in and out of the map's 50% region, in and out of the time window.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public FinkTomFactory Factory { get; } = new();

        public GravitationalWaveMap Map { get; } = GravitationalWaveMap.Read(File.ReadAllBytes(GravitationalWaveMapTests.MapPath));

        public string Body(double level, object? nDayBefore = null, object? nDayAfter = null)
        {
            var body = new JsonObject { ["bayestar"] = GravitationalWaveMapTests.PythonLiteral(File.ReadAllBytes(GravitationalWaveMapTests.MapPath)), ["credible_level"] = level };
            if (nDayBefore is not null)
                body["n_day_before"] = JsonValue.Create(nDayBefore);
            if (nDayAfter is not null)
                body["n_day_after"] = JsonValue.Create(nDayAfter);
            return body.ToJsonString();
        }

        public HttpClient CreateClient() => Factory.CreateClient();

        public async ValueTask InitializeAsync()
        {
            var inside = Map.CredibleRegion(0.5);
            var wide = Map.CredibleRegion(0.9);
            var random = new Random(11);
            (double Ra, double Dec) Find(Func<double, double, bool> wanted)
            {
                while (true)
                {
                    var (ra, dec) = (random.NextDouble() * 360, Math.Asin(2 * random.NextDouble() - 1) * 180 / Math.PI);
                    if (wanted(ra, dec))
                        return (ra, dec);
                }
            }
            var t0 = Map.EventJd;
            var (inRa, inDec) = Find(inside);
            var (outRa, outDec) = Find((ra, dec) => !wide(ra, dec));
            await Factory.Writer.WriteAsync(
            [
                // found: first detected half a day after the event, inside; two alerts, the latest answers
                TestAlerts.Make(9_000_000_001, "ZTF20gwinside", t0 + 0.6, inRa, inDec, jdstarthist: t0 + 0.5),
                TestAlerts.Make(9_000_000_002, "ZTF20gwinside", t0 + 2.0, inRa, inDec, jdstarthist: t0 + 0.5),
                // found only when the window opens three days before the event
                TestAlerts.Make(9_000_000_003, "ZTF20gwbefore", t0 + 1.0, inRa, inDec, jdstarthist: t0 - 2.5),
                // never: outside the 90% region
                TestAlerts.Make(9_000_000_004, "ZTF20gwoutside", t0 + 1.0, outRa, outDec, jdstarthist: t0 + 0.5),
                // never by default: its latest alert comes more than six days after its first detection
                TestAlerts.Make(9_000_000_005, "ZTF20gwlate", t0 + 9.0, inRa, inDec, jdstarthist: t0 + 0.2),
                // never: seen inside the window, but its latest alert comes two weeks later
                TestAlerts.Make(9_000_000_006, "ZTF20gwlater", t0 + 1.0, inRa, inDec, jdstarthist: t0 + 0.5),
                TestAlerts.Make(9_000_000_007, "ZTF20gwlater", t0 + 15.0, inRa, inDec, jdstarthist: t0 + 0.5),
            ]);
        }

        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
    }

    private async Task<List<string>> Objects(string body)
    {
        var response = await _client.PostAsync("/api/v1/skymap", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(200, (int)response.StatusCode);
        return (await ApiJson.Records(response)).Select(r => r.Str("i:objectId")).ToList();
    }

    [Fact]
    public async Task Objects_first_detected_around_the_event_inside_the_region_come_back_once_with_their_latest_alert()
    {
        var response = await _client.PostAsync("/api/v1/skymap", new StringContent(server.Body(0.9), System.Text.Encoding.UTF8, "application/json"));
        var rows = await ApiJson.Records(response);

        var row = Assert.Single(rows);
        Assert.Equal("ZTF20gwinside", row.Str("i:objectId"));
        Assert.Equal(9_000_000_002, row["i:candid"].GetInt64());
        Assert.Equal(server.Map.EventJd, row.Num("v:jdstartgw"), 6);
        Assert.Contains("d:classification", row.Keys);
    }

    [Fact]
    public async Task The_window_follows_n_day_before_and_n_day_after()
    {
        Assert.Equal(["ZTF20gwinside", "ZTF20gwbefore"], await Objects(server.Body(0.9, nDayBefore: 3)));
        Assert.Equal(["ZTF20gwlate", "ZTF20gwinside"], (await Objects(server.Body(0.9, nDayAfter: 10))));
    }

    [Fact]
    public async Task A_level_of_zero_keeps_nothing()
    {
        Assert.Empty(await Objects(server.Body(0)));
    }

    [Theory]
    [InlineData("""{"credible_level": 0.9}""", "bayestar")]
    [InlineData("""{"event_name": "S200219ac", "credible_level": 0.9}""", "event_name")]
    [InlineData("""{"bayestar": "b'not a map'", "credible_level": 0.9}""", "bayestar")]
    [InlineData("""{"bayestar": "b'\\x1f'", "credible_level": 1.5}""", "credible_level")]
    [InlineData("""{"bayestar": "b'\\x1f'"}""", "credible_level")]
    [InlineData("""{"bayestar": "b'\\x1f'", "credible_level": 0.9, "n_day_after": 31}""", "n_day_after")]
    public async Task Bad_requests_are_400_naming_the_parameter(string body, string parameter)
    {
        var response = await _client.PostAsync("/api/v1/skymap", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await ApiJson.AssertError(response, parameter);
    }
}
