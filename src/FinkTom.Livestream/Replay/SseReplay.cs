using System.Globalization;
using System.Text.Json;
using FinkTom.Core.Api;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Livestream.Endpoints;
using FinkTom.Livestream.Filters;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace FinkTom.Livestream.Replay;

/// <summary>
/// Resuming an SSE stream: the matches of a filter journalled after the client's <c>Last-Event-ID</c>, read back from
/// the store, within the window (<see cref="LivestreamOptions.ReplayHours"/>, <see cref="LivestreamOptions.ReplayMaxEvents"/>).
/// What the window leaves out is announced in a <c>gap</c> event, never dropped silently.
/// </summary>
public sealed class SseReplay(MatchJournal journal, SurveyReaders stores, IOptions<LivestreamOptions> options)
{
    /// <summary>An absent or empty header is a first connection (null); anything but a whole number ≥ 0 is an error.</summary>
    public static bool TryParseLastEventId(string? header, out long? after, out FinkError? error)
    {
        after = null;
        error = null;
        if (string.IsNullOrWhiteSpace(header))
            return true;
        if (long.TryParse(header.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            after = id;
            return true;
        }
        error = new FinkError($"Last-Event-ID must be the id of an event this stream sent (a whole number ≥ 0), not '{header}'.", "Last-Event-ID");
        return false;
    }

    /// <summary>Writes the missed events (and gap notices) up to the journal's newest id when called, and returns that id:
    /// live events up to it were replayed or counted in a gap, so they are duplicates.</summary>
    public async Task<long> ReplayAsync(LivestreamFilter filter, long after, HttpResponse response, CancellationToken ct)
    {
        var store = stores.For(filter.Survey);
        var newest = journal.LastSeq(); // the replay covers up to here; later matches reach the subscription
        if (after > newest)
        {
            await GapAsync(response, "unknown-id", 0, $"Event {after} is not one this server sent (its newest is {newest}); resuming with live alerts only.", ct);
            return 0;
        }
        var horizon = (journal.FirstKept() ?? newest + 1) - 1; // ids up to here are out of the window
        if (after < horizon)
            await GapAsync(response, "window", 0, $"Alerts matched more than {options.Value.ReplayHours} h ago are not replayed; " +
                "some after your last event may be missing (search the REST API for them).", ct);
        var missed = journal.CountAfter(filter.Name, after, newest);
        var rows = journal.ReadAfter(filter.Name, after, newest, options.Value.ReplayMaxEvents);
        if (missed > rows.Count)
            await GapAsync(response, "count", missed - rows.Count, $"{missed} alerts matched after your last event; the newest {rows.Count} " +
                $"are replayed (Livestream:ReplayMaxEvents), the {missed - rows.Count} before them are not.", ct);
        foreach (var row in rows)
        {
            await foreach (var alert in store.QueryAsync(new AlertQuery { Candid = row.Candid }, ct))
                await response.Body.WriteAsync(LivestreamSse.Event(row.Seq, alert), ct);
        }
        await response.WriteAsync($": replayed {rows.Count}\n\n", ct);
        await response.Body.FlushAsync(ct);
        return newest;
    }

    private static async Task GapAsync(HttpResponse response, string reason, long skipped, string text, CancellationToken ct)
    {
        var data = JsonSerializer.Serialize(new { reason, skipped, text });
        await response.WriteAsync($"event: gap\ndata: {data}\n\n", ct);
    }
}
