using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Livestream;
using FinkTom.Livestream.Replay;
using FinkTom.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FinkTom.Tests.Livestream;

/// <summary>Resuming a filter's SSE stream with <c>Last-Event-ID</c>: the missed matches from the journal and store, then
/// live ones, none twice; the replay window; bad ids.</summary>
public sealed class SseResumeTests(SseResumeTests.SmallWindowFactory factory) : IClassFixture<SseResumeTests.SmallWindowFactory>
{
    /// <summary>No samples; at most <see cref="MaxEvents"/> events replayed per reconnection.</summary>
    public sealed class SmallWindowFactory() : LivestreamFactory(new Dictionary<string, string?> { ["Livestream:ReplayMaxEvents"] = "5" }, samples: false)
    {
        public const int MaxEvents = 5;
    }

    [Fact]
    public async Task A_client_that_reconnects_with_Last_Event_ID_gets_exactly_the_missed_matches_then_live_ones()
    {
        await CreateFilterAsync("resume_faint");
        var first = Alerts(9_100_000_000, 6);
        var missed = Alerts(9_100_000_100, 6);
        var live = Alerts(9_100_000_200, 4);

        string lastId;
        using (var stream = await ConnectAsync("resume_faint", lastEventId: null))
        {
            await factory.Writer.WriteAsync(first);
            var got = await SseTestClient.ReadAsync(stream, 3);
            Assert.Equal(Faint(first), got.Select(e => e.Candid));
            lastId = got[^1].Id!;
        } // disconnected
        await factory.Writer.WriteAsync(missed);

        using var resumed = await ConnectAsync("resume_faint", lastId);
        await factory.Writer.WriteAsync(live);
        await factory.Writer.WriteAsync([.. missed, .. live]); // duplicates: matched once, never replayed again
        var events = await SseTestClient.ReadAsync(resumed, 5);
        Assert.Equal([.. Faint(missed), .. Faint(live)], events.Select(e => e.Candid));
        Assert.All(events, e => Assert.Equal("alert", e.Type));
        var ids = events.Select(e => long.Parse(e.Id!)).ToList();
        Assert.True(ids.Zip(ids.Skip(1)).All(p => p.First < p.Second), "ids increase");
        Assert.True(ids[0] > long.Parse(lastId));
        Assert.Empty(await SseTestClient.ReadAsync(resumed, 1, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Alerts_stored_while_the_client_reconnects_arrive_once_each_in_order()
    {
        await CreateFilterAsync("resume_race");
        string lastId;
        using (var stream = await ConnectAsync("resume_race", null))
        {
            await factory.Writer.WriteAsync(Alerts(9_100_003_000, 2));
            lastId = (await SseTestClient.ReadAsync(stream, 1))[0].Id!;
        }
        // Batches of 2 (one faint) keep coming while the client reconnects: replay and live must meet without a seam.
        var batches = Enumerable.Range(0, 40).Select(b => Alerts(9_100_003_100 + 2 * b, 2)).ToList();
        var writing = Task.Run(async () =>
        {
            foreach (var batch in batches)
            {
                await factory.Writer.WriteAsync(batch);
                await Task.Delay(2);
            }
        });
        await Task.Delay(20);
        using var resumed = await ConnectAsync("resume_race", lastId);
        await writing;
        // The count limit (5) may cut the replay: then a gap event comes first, says how many, and the rest follow.
        var first = (await SseTestClient.ReadAsync(resumed, 1, includeGaps: true))[0];
        var skipped = first.Type == "gap" ? JsonDocument.Parse(first.Data).RootElement.GetProperty("skipped").GetInt32() : 0;
        var expected = batches.SelectMany(Faint).Skip(skipped).ToList();
        var events = first.Type == "gap" ? [] : new List<SseTestClient.SseEvent> { first };
        events.AddRange(await SseTestClient.ReadAsync(resumed, expected.Count - events.Count));
        Assert.Equal(expected, events.Select(e => e.Candid));
        Assert.Empty(await SseTestClient.ReadAsync(resumed, 1, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Beyond_the_count_limit_a_gap_event_says_how_many_are_not_replayed_and_the_newest_follow()
    {
        await CreateFilterAsync("resume_limit");
        string lastId;
        using (var stream = await ConnectAsync("resume_limit", null))
        {
            await factory.Writer.WriteAsync(Alerts(9_100_001_000, 2));
            lastId = (await SseTestClient.ReadAsync(stream, 1))[0].Id!;
        }
        var missed = Alerts(9_100_001_100, 16); // 8 faint ones
        await factory.Writer.WriteAsync(missed);

        using var resumed = await ConnectAsync("resume_limit", lastId);
        var events = await SseTestClient.ReadAsync(resumed, SmallWindowFactory.MaxEvents + 1, includeGaps: true);
        var gap = JsonDocument.Parse(events[0].Data).RootElement;
        Assert.Equal("gap", events[0].Type);
        Assert.Equal("count", gap.GetProperty("reason").GetString());
        Assert.Equal(3, gap.GetProperty("skipped").GetInt64());
        Assert.Equal(Faint(missed).TakeLast(SmallWindowFactory.MaxEvents), events.Skip(1).Select(e => e.Candid));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-3")]
    [InlineData("1.5")]
    public async Task A_malformed_Last_Event_ID_is_a_400_naming_it(string value)
    {
        await CreateFilterAsync("resume_bad");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/livestream/filters/resume_bad/stream");
        request.Headers.TryAddWithoutValidation("Last-Event-ID", value);
        using var response = await factory.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Last-Event-ID", error.GetProperty("parameter").GetString());
        Assert.Contains($"'{value}'", error.GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_id_this_server_never_sent_is_announced_and_the_stream_goes_on_live()
    {
        await CreateFilterAsync("resume_unknown");
        using var stream = await ConnectAsync("resume_unknown", "2458000123456789"); // e.g. a candid, the old event id
        var alerts = Alerts(9_100_002_000, 2);
        await factory.Writer.WriteAsync(alerts);
        var events = await SseTestClient.ReadAsync(stream, 2, includeGaps: true);
        Assert.Equal("unknown-id", JsonDocument.Parse(events[0].Data).RootElement.GetProperty("reason").GetString());
        Assert.Equal(Faint(alerts), [events[1].Candid]);
    }

    [Theory]
    [InlineData("Livestream:ReplayMaxEvents", "0")]
    [InlineData("Livestream:ReplayHours", "-1")]
    public async Task Replay_limits_out_of_range_fail_at_start_naming_the_setting(string key, string value)
    {
        var problems = await ServerStart.RefusalAsync((key, value));
        Assert.StartsWith(key, problems);
    }

    [Fact]
    public async Task A_client_back_after_the_time_window_is_told_and_gets_what_the_window_still_holds()
    {
        using var server = new ClockedFactory();
        await server.WriterClient().PostAsJsonAsync("/livestream/filters", new { name = "resume_old", filter = "magpsf gt 20.5" });
        string lastId;
        using (var stream = await SseTestClient.ConnectAsync(server, "resume_old", null))
        {
            await server.Writer.WriteAsync(Alerts(9_100_004_000, 2));
            lastId = (await SseTestClient.ReadAsync(stream, 1))[0].Id!;
        }
        await server.Writer.WriteAsync(Alerts(9_100_004_100, 2)); // missed, then out of the window
        server.Clock.Advance(TimeSpan.FromHours(25));
        var recent = Alerts(9_100_004_200, 2);
        await server.Writer.WriteAsync(recent);

        using var resumed = await SseTestClient.ConnectAsync(server, "resume_old", lastId);
        var events = await SseTestClient.ReadAsync(resumed, 2, includeGaps: true);
        Assert.Equal("window", JsonDocument.Parse(events[0].Data).RootElement.GetProperty("reason").GetString());
        Assert.Equal(Faint(recent), [events[1].Candid]);
    }

    /// <summary>The journal on a clock the test moves.</summary>
    private sealed class ClockedFactory() : LivestreamFactory(null, samples: false)
    {
        public ManualClock Clock { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(sp => new MatchJournal(
                sp.GetRequiredService<IOptions<LivestreamOptions>>().Value.JournalPath, TimeSpan.FromHours(24), Clock)));
        }
    }

    // Every other alert is faint (magpsf 21), and matches the test filters.
    private static List<Alert> Alerts(long firstCandid, int count) => [.. Enumerable.Range(0, count).Select(i => TestAlerts.Make(
        firstCandid + i, $"ZTF99rsm{firstCandid % 100_000 + i:D6}", 2458000.5 + i * 0.01, 10, 10, magpsf: i % 2 == 0 ? 21f : 17f))];

    private static IEnumerable<long> Faint(List<Alert> alerts) => alerts.Where(a => (float)a["i:magpsf"]! > 20.5f).Select(a => a.Candid);

    private Task<StreamReader> ConnectAsync(string filter, string? lastEventId) => SseTestClient.ConnectAsync(factory, filter, lastEventId);

    private async Task CreateFilterAsync(string name)
    {
        var created = await factory.WriterClient().PostAsJsonAsync("/livestream/filters", new { name, filter = "magpsf gt 20.5" });
        Assert.True(created.IsSuccessStatusCode || created.StatusCode == HttpStatusCode.Conflict, created.StatusCode.ToString());
    }
}
