using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Surveys;
using FinkTom.Livestream.Filters;
using Microsoft.Extensions.DependencyInjection;
using FinkTom.Core.Surveys.Lsst;
using FinkTom.Tests.Surveys.Lsst;

namespace FinkTom.Tests.Livestream;

/// <summary>
/// Rubin livestreams over HTTP (issue 15 item 3): Fink's 12 tags and users' filters on LSST columns, in the same
/// predicate language; their SSE streams carry Rubin alerts only, resumable like ZTF's.
/// </summary>
public sealed class LsstLivestreamTests(LsstLivestreamTests.EmptyStore factory) : IClassFixture<LsstLivestreamTests.EmptyStore>
{
    /// <summary>No samples at start: the tests write the Rubin ones while a client listens.</summary>
    public sealed class EmptyStore() : LivestreamFactory(null, samples: false);

    private static readonly List<Alert> Rubin = LsstSamples.Read(LsstSamples.DataTransfer);

    [Fact]
    public async Task Every_Rubin_tag_is_a_built_in_filter_with_Fink_s_topic()
    {
        var filters = await factory.CreateClient().GetFromJsonAsync<JsonElement[]>("/livestream/filters", TestContext.Current.CancellationToken);
        var lsst = filters!.Where(f => f.GetProperty("survey").GetString() == "lsst" && f.GetProperty("builtIn").GetBoolean()).ToList();
        Assert.Equal(LsstTags.All.Select(t => t.Name), lsst.Select(f => f.GetProperty("name").GetString()));
        Assert.All(lsst, f => Assert.Equal($"fink_{f.GetProperty("name").GetString()}_lsst", f.GetProperty("topic").GetString()));
        Assert.All(lsst, f => Assert.True(f.GetProperty("builtIn").GetBoolean()));
        Assert.Contains(filters!, f => f.GetProperty("topic").GetString() == "fink_sn_candidates_ztf" && f.GetProperty("survey").GetString() == "ztf");
    }

    [Fact]
    public async Task A_user_filter_on_LSST_columns_streams_exactly_the_matching_Rubin_alerts_and_resumes()
    {
        var created = await factory.WriterClient().PostAsJsonAsync("/livestream/filters",
            new { name = "bright_rubin", filter = "psfFlux gt 5000 and band eq 'i'", survey = "lsst" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var info = await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("fink_bright_rubin_lsst", info.GetProperty("topic").GetString());
        Assert.Equal("lsst", info.GetProperty("survey").GetString());

        static bool Bright(Alert a) => a["r:psfFlux"] is float f && f > 5000;
        Assert.Equal(4, Rubin.Count(Bright)); // two static objects, two asteroids
        var before = Rubin.Where(Bright).Take(2).Concat(Rubin.Where(a => !Bright(a)).Take(2)).ToList();
        var after = Rubin.Except(before).ToList();
        string lastId;
        using (var stream = await SseTestClient.ConnectAsync(factory, "bright_rubin", null))
        {
            await factory.Writer.WriteAsync([.. SampleAlerts.All.Take(20), .. before], TestContext.Current.CancellationToken); // ZTF alerts never match
            var first = await SseTestClient.ReadAsync(stream, 10, TimeSpan.FromSeconds(3));
            Assert.Equal(before.Where(Bright).Select(a => a.Id), first.Select(DiaSourceId));
            lastId = first[^1].Id!;
        }
        await factory.Writer.WriteAsync(after, TestContext.Current.CancellationToken); // while disconnected

        using var resumed = await SseTestClient.ConnectAsync(factory, "bright_rubin", lastId);
        var missed = await SseTestClient.ReadAsync(resumed, 10, TimeSpan.FromSeconds(3));
        Assert.Equal(after.Where(Bright).Select(a => a.Id), missed.Select(DiaSourceId)); // replayed from the Rubin store
        var one = JsonDocument.Parse(missed[0].Data).RootElement;
        Assert.Equal(JsonValueKind.Number, one.GetProperty("r:diaSourceId").ValueKind);
        Assert.False(one.TryGetProperty("i:candid", out _));

        var count = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/livestream/filters/bright_rubin/count?days=2", TestContext.Current.CancellationToken);
        Assert.Equal(4, count.GetProperty("matches").GetInt64());
        Assert.StartsWith("2026-03-0", count.GetProperty("to").GetString()); // Rubin's MJD (TAI) shown as a UTC date
    }

    [Fact]
    public async Task A_tag_s_stream_carries_the_alerts_Fink_s_tag_passes()
    {
        using var stream = await SseTestClient.ConnectAsync(factory, "remove_unlikely_transients", null);
        var copies = Rubin.Select(a => Renumbered(a, 1_000_000)).ToList(); // the other tests store the originals
        await factory.Writer.WriteAsync(copies, TestContext.Current.CancellationToken);
        var events = await SseTestClient.ReadAsync(stream, 10, TimeSpan.FromSeconds(3));
        var expected = copies.Where(a => a["t:remove_unlikely_transients"] is true).Select(a => a.Id).ToList();
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, events.Select(DiaSourceId));
    }

    [Theory]
    [InlineData("psfFlux gt 5000 and band eq 'i'", 4)]
    [InlineData("is_sso eq true", 2)]
    [InlineData("diaObjectId eq '313893023095193658'", 1)] // 64-bit ids as strings, as in the OData feed
    [InlineData("xm_simbad_otype ne null and snr gt 10", -1)]
    [InlineData("remove_unlikely_transients", 2)]
    public void The_predicate_language_reads_Rubin_columns_in_memory_as_the_store_does(string expression, int expected)
    {
        var registry = factory.Services.GetRequiredService<FilterRegistry>();
        var filter = registry.Compile("probe", expression, null, Survey.Lsst, out var error);
        Assert.Null(error);
        var matches = Rubin.Count(filter.Matches);
        if (expected >= 0)
            Assert.Equal(expected, matches);
        Assert.Equal(Rubin.Count(a => PredicateEvaluator.Compile(filter.Predicate!, Survey.Lsst.Catalog)(a)), matches);
        Assert.DoesNotContain(SampleAlerts.All, filter.Matches); // a Rubin filter never matches a ZTF alert
    }

    [Theory]
    [InlineData("hst", "psfFlux gt 0", "survey")]
    [InlineData("lsst", "magpsf gt 18", "filter")]  // a ZTF column in a Rubin filter
    [InlineData("ztf", "psfFlux gt 0", "filter")]   // and the other way round
    public async Task A_filter_on_an_unknown_survey_or_on_another_survey_s_columns_is_a_400_naming_the_parameter(string survey, string filter, string parameter)
    {
        var response = await factory.WriterClient().PostAsJsonAsync("/livestream/filters",
            new { name = "wrong_" + parameter + survey, filter, survey }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(parameter, error.GetProperty("parameter").GetString());

        var test = await factory.CreateClient().GetAsync($"/livestream/count?survey={survey}&filter={Uri.EscapeDataString(filter)}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, test.StatusCode);
    }

    private static long DiaSourceId(SseTestClient.SseEvent e) => JsonDocument.Parse(e.Data).RootElement.GetProperty("r:diaSourceId").GetInt64();

    private static Alert Renumbered(Alert alert, long shift)
    {
        var copy = new Alert(alert.Survey);
        alert.Values.CopyTo(copy.Values, 0);
        copy.Values[alert.Survey.AlertId.Ordinal] = alert.Id + shift;
        copy["r:psfFlux"] = 1f; // out of the user filter of the other test (the tag flags are kept as Fink set them)
        return copy;
    }
}
