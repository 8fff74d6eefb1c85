using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Livestream.Replay;
using FinkTom.Tests.Support;

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

    private sealed record SseEvent(string? Id, string Type, string Data)
    {
        public long Candid => JsonDocument.Parse(Data).RootElement.GetProperty("i:candid").GetInt64();
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
            var got = await ReadAsync(stream, 3);
            Assert.Equal(Faint(first), got.Select(e => e.Candid));
            lastId = got[^1].Id!;
        } // disconnected
        await factory.Writer.WriteAsync(missed);

        using var resumed = await ConnectAsync("resume_faint", lastId);
        await factory.Writer.WriteAsync(live);
        await factory.Writer.WriteAsync([.. missed, .. live]); // duplicates: matched once, never replayed again
        var events = await ReadAsync(resumed, 5);
        Assert.Equal([.. Faint(missed), .. Faint(live)], events.Select(e => e.Candid));
        Assert.All(events, e => Assert.Equal("alert", e.Type));
        var ids = events.Select(e => long.Parse(e.Id!)).ToList();
        Assert.True(ids.Zip(ids.Skip(1)).All(p => p.First < p.Second), "ids increase");
        Assert.True(ids[0] > long.Parse(lastId));
        Assert.Empty(await ReadAsync(resumed, 1, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Alerts_stored_while_the_client_reconnects_arrive_once_each_in_order()
    {
        await CreateFilterAsync("resume_race");
        string lastId;
        using (var stream = await ConnectAsync("resume_race", null))
        {
            await factory.Writer.WriteAsync(Alerts(9_100_003_000, 2));
            lastId = (await ReadAsync(stream, 1))[0].Id!;
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
        var first = (await ReadAsync(resumed, 1, includeGaps: true))[0];
        var skipped = first.Type == "gap" ? JsonDocument.Parse(first.Data).RootElement.GetProperty("skipped").GetInt32() : 0;
        var expected = batches.SelectMany(Faint).Skip(skipped).ToList();
        var events = first.Type == "gap" ? [] : new List<SseEvent> { first };
        events.AddRange(await ReadAsync(resumed, expected.Count - events.Count));
        Assert.Equal(expected, events.Select(e => e.Candid));
        Assert.Empty(await ReadAsync(resumed, 1, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Beyond_the_count_limit_a_gap_event_says_how_many_are_not_replayed_and_the_newest_follow()
    {
        await CreateFilterAsync("resume_limit");
        string lastId;
        using (var stream = await ConnectAsync("resume_limit", null))
        {
            await factory.Writer.WriteAsync(Alerts(9_100_001_000, 2));
            lastId = (await ReadAsync(stream, 1))[0].Id!;
        }
        var missed = Alerts(9_100_001_100, 16); // 8 faint ones
        await factory.Writer.WriteAsync(missed);

        using var resumed = await ConnectAsync("resume_limit", lastId);
        var events = await ReadAsync(resumed, SmallWindowFactory.MaxEvents + 1, includeGaps: true);
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
        var events = await ReadAsync(stream, 2, includeGaps: true);
        Assert.Equal("unknown-id", JsonDocument.Parse(events[0].Data).RootElement.GetProperty("reason").GetString());
        Assert.Equal(Faint(alerts), [events[1].Candid]);
    }

    [Fact]
    public void The_journal_keeps_matches_for_the_time_window_only()
    {
        using var folder = new TempDirectory();
        var clock = new ManualClock();
        using var journal = new MatchJournal(Path.Combine(folder.Path, "journal.db"), TimeSpan.FromHours(24), clock);
        var old = journal.Append([("f", 1), ("g", 2)]);
        clock.Advance(TimeSpan.FromHours(25));
        var recent = journal.Append([("f", 3)]);
        Assert.Equal(recent[0], journal.FirstKept());
        Assert.Equal(1, journal.CountAfter("f", 0, recent[0]));
        Assert.Equal([new JournalEntry(recent[0], "f", 3)], journal.ReadAfter("f", old[0], recent[0], 10));
        Assert.Equal(recent[0], journal.LastSeq());
    }

    [Theory]
    [InlineData("Livestream:ReplayMaxEvents", "0")]
    [InlineData("Livestream:ReplayHours", "-1")]
    public async Task Replay_limits_out_of_range_fail_at_start_naming_the_setting(string key, string value)
    {
        var problems = await ServerStart.RefusalAsync((key, value));
        Assert.StartsWith(key, problems);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 6, 24, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }

    // Every other alert is faint (magpsf 21), and matches the test filters.
    private static List<Alert> Alerts(long firstCandid, int count) => [.. Enumerable.Range(0, count).Select(i => TestAlerts.Make(
        firstCandid + i, $"ZTF99rsm{firstCandid % 100_000 + i:D6}", 2458000.5 + i * 0.01, 10, 10, magpsf: i % 2 == 0 ? 21f : 17f))];

    private static IEnumerable<long> Faint(List<Alert> alerts) => alerts.Where(a => (float)a["i:magpsf"]! > 20.5f).Select(a => a.Candid);

    private async Task CreateFilterAsync(string name)
    {
        var created = await factory.WriterClient().PostAsJsonAsync("/livestream/filters", new { name, filter = "magpsf gt 20.5" });
        Assert.True(created.IsSuccessStatusCode || created.StatusCode == HttpStatusCode.Conflict, created.StatusCode.ToString());
    }

    private async Task<StreamReader> ConnectAsync(string filter, string? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/livestream/filters/{filter}/stream");
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await factory.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.StartsWith(": livestream", await reader.ReadLineAsync()); // subscribed: what is written from now on is streamed
        return reader;
    }

    /// <summary>Up to <paramref name="count"/> events (alerts, and gap notices when asked), within the timeout.</summary>
    private static async Task<List<SseEvent>> ReadAsync(StreamReader reader, int count, TimeSpan? timeout = null, bool includeGaps = false)
    {
        var events = new List<SseEvent>();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        string? id = null, type = null, data = null;
        try
        {
            while (events.Count < count && await reader.ReadLineAsync(cancel.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data is not null && (type == "alert" || (includeGaps && type == "gap")))
                        events.Add(new SseEvent(id, type, data));
                    id = type = data = null;
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
                else if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
            }
        }
        catch (OperationCanceledException)
        {
        }
        return events;
    }
}
