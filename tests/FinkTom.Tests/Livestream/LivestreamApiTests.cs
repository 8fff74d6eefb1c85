using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Livestream.Filters;
using FinkTom.Query.OData;
using FinkTom.Server.OData;
using FinkTom.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FinkTom.Tests.Livestream;

/// <summary>Filters over REST: create (API key), validate, list, test against stored alerts, delete, persist, stream (SSE).</summary>
public sealed class LivestreamApiTests : IClassFixture<LivestreamFactory>
{
    private readonly LivestreamFactory _factory;

    public LivestreamApiTests(LivestreamFactory factory) => _factory = factory;

    [Fact]
    public async Task Built_in_Fink_filters_are_listed_with_their_topics()
    {
        var filters = await _factory.CreateClient().GetFromJsonAsync<JsonElement[]>("/livestream/filters");
        var topics = filters!.Select(f => f.GetProperty("topic").GetString()).ToList();
        Assert.Contains("fink_early_sn_candidates_ztf", topics);
        Assert.Contains("fink_sn_candidates_ztf", topics);
        Assert.Contains("fink_sso_ztf_candidates_ztf", topics);
        Assert.Contains("fink_microlensing_candidates_ztf", topics);
        Assert.All(filters!.Where(f => f.GetProperty("builtIn").GetBoolean()), f => Assert.False(string.IsNullOrEmpty(f.GetProperty("description").GetString())));
    }

    [Fact]
    public async Task Writes_need_the_api_key()
    {
        var anonymous = await _factory.CreateClient().PostAsJsonAsync("/livestream/filters", new { name = "bright", filter = "magpsf lt 16" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var wrong = _factory.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.DeleteAsync("/livestream/filters/vra")).StatusCode);
        Assert.Equal("error", (await anonymous.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{\"name\":\"x1\",\"filter\":\"magpsff lt 18\"}", "filter", "magpsff")]
    [InlineData("{\"name\":\"x2\",\"filter\":\"magpsf lt 'bright'\"}", "filter", null)]
    [InlineData("{\"name\":\"x3\",\"filter\":\"magpsf lt\"}", "filter", null)]
    [InlineData("{\"name\":\"Bad Name\",\"filter\":\"magpsf lt 18\"}", "name", "Bad Name")]
    [InlineData("{\"name\":\"x4\"}", "filter", null)]
    public async Task Invalid_filters_are_refused_with_a_400_naming_the_problem(string body, string parameter, string? mentioned)
    {
        var response = await _factory.WriterClient().PostAsync("/livestream/filters", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(parameter, error.GetProperty("parameter").GetString());
        if (mentioned is not null)
            Assert.Contains(mentioned, error.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_filter_is_created_listed_persisted_and_deleted()
    {
        var writer = _factory.WriterClient();
        var created = await writer.PostAsJsonAsync("/livestream/filters",
            new { name = "young_bright", filter = "magpsf lt 18.5 and ndethist le 20", description = "bright and young" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var info = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("fink_young_bright_ztf", info.GetProperty("topic").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await writer.PostAsJsonAsync("/livestream/filters", new { name = "young_bright", filter = "magpsf lt 1" })).StatusCode);

        // Persisted: a registry loading from the same database (a restarted server) has it.
        var repository = _factory.Services.GetRequiredService<FilterRepository>();
        var reloaded = new FilterRegistry(repository,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<FilterRegistry>.Instance);
        await reloaded.LoadAsync();
        Assert.Equal("magpsf lt 18.5 and ndethist le 20", reloaded.Find("young_bright")?.Expression);

        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync("/livestream/filters/young_bright")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.DeleteAsync("/livestream/filters/young_bright")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.GetAsync("/livestream/filters/young_bright")).StatusCode);
        Assert.DoesNotContain((await repository.ListAsync()), f => f.Name == "young_bright");
    }

    [Fact]
    public async Task Built_in_filters_cannot_be_deleted()
    {
        var response = await _factory.WriterClient().DeleteAsync("/livestream/filters/early_sn_candidates");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("magpsf lt 18.5 and ndethist le 20", 1)]
    [InlineData("magpsf gt 19 or (cdsxmatch ne 'Unknown' and cdsxmatch ne null)", 366)]
    public async Task Counting_matches_agrees_with_evaluating_the_filter_on_every_stored_alert(string filter, double days)
    {
        var all = await AllAsync();
        var lastJd = all.Max(a => a.Jd);
        var predicate = ODataFilterParser.Parse(filter)!;
        var evaluate = PredicateEvaluator.Compile(predicate);
        var expected = all.Count(a => a.Jd >= lastJd - days && a.Jd <= lastJd && evaluate(a));

        var answer = await _factory.CreateClient().GetFromJsonAsync<JsonElement>(
            $"/livestream/count?filter={Uri.EscapeDataString(filter)}&days={days}");
        Assert.Equal(expected, answer.GetProperty("matches").GetInt64());
        Assert.True(expected > 0, "the sample data should exercise the filter");
    }

    [Fact]
    public async Task A_built_in_filter_with_an_age_limit_counts_only_young_alerts()
    {
        var all = await AllAsync();
        var lastJd = all.Max(a => a.Jd);
        var filter = _factory.Services.GetRequiredService<FilterRegistry>().Find("tns_match")!;
        var expected = all.Count(a => a.Jd >= lastJd - 366 && filter.Matches(a));
        var answer = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/livestream/filters/tns_match/count?days=366");
        Assert.Equal(expected, answer.GetProperty("matches").GetInt64());
    }

    [Theory]
    [InlineData("/livestream/count?filter=magpsf%20lt%2018&days=-1", "days")]
    [InlineData("/livestream/count?filter=magpsf%20lt%2018&days=abc", "days")]
    [InlineData("/livestream/count?filter=nosuchfield%20lt%2018", "filter")]
    [InlineData("/livestream/count", "filter")]
    public async Task Bad_test_requests_are_400s(string url, string parameter)
    {
        var response = await _factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task The_SSE_stream_delivers_new_matching_alerts_and_nothing_else()
    {
        await _factory.WriterClient().PostAsJsonAsync("/livestream/filters", new { name = "sse_faint", filter = "magpsf gt 20.5" });
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/livestream/filters/sse_faint/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.StartsWith(": livestream sse_faint", await reader.ReadLineAsync());

        var alerts = Enumerable.Range(0, 10).Select(i => TestAlerts.Make(9_000_000_000 + i, $"ZTF99sse{i:D4}", 2458000.5 + i * 0.01, 10, 10,
            magpsf: i % 2 == 0 ? 21f : 17f)).ToList();
        await _factory.Writer.WriteAsync(alerts);
        await _factory.Writer.WriteAsync(alerts); // duplicates are not published again

        var received = await ReadEventsAsync(reader, count: 5, TimeSpan.FromSeconds(10));
        Assert.Equal(alerts.Where(a => (float)a["i:magpsf"]! > 20.5f).Select(a => a.Candid), received.Select(e => e.GetProperty("i:candid").GetInt64()));
        Assert.Equal("ZTF99sse0000", received[0].GetProperty("i:objectId").GetString());
        Assert.Empty(await ReadEventsAsync(reader, count: 1, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Streaming_an_unknown_filter_is_a_404()
    {
        var response = await _factory.CreateClient().GetAsync("/livestream/filters/nope/stream");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    internal static async Task<List<JsonElement>> ReadEventsAsync(StreamReader reader, int count, TimeSpan timeout)
    {
        var events = new List<JsonElement>();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (events.Count < count)
            {
                var line = await reader.ReadLineAsync(cancel.Token);
                if (line is null)
                    break;
                if (line.StartsWith("data: {", StringComparison.Ordinal))
                    events.Add(JsonDocument.Parse(line[6..]).RootElement.Clone());
            }
        }
        catch (OperationCanceledException)
        {
        }
        return events;
    }

    private async Task<List<Alert>> AllAsync()
    {
        var all = new List<Alert>();
        await foreach (var alert in _factory.Store.QueryAsync(new AlertQuery()))
            if (!alert.ObjectId.StartsWith("ZTF99", StringComparison.Ordinal))
                all.Add(alert);
        return all;
    }
}
