using System.Text.Json;
using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Livestream.Filters;
using FinkTom.Livestream.Replay;
using Microsoft.AspNetCore.Http;

namespace FinkTom.Livestream.Endpoints;

/// <summary>
/// A filter's livestream over HTTP for users without a Kafka client: <c>text/event-stream</c>, one <c>alert</c> event
/// per new matching alert (<c>id</c> = the match's journal sequence number, <c>data</c> = the alert's columns as the Fink
/// API names them, JSON on one line). A client that reconnects with <c>Last-Event-ID</c> is first sent the matches it
/// missed (<see cref="SseReplay"/>). A comment line every 15 s keeps proxies from closing an idle stream.
/// </summary>
internal static class LivestreamSse
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static async Task<IResult> StreamAsync(string name, HttpContext http, FilterRegistry registry, AlertSubscriptions subscriptions,
        SseReplay replay)
    {
        await registry.SyncAsync(http.RequestAborted);
        if (registry.Find(name) is not { } filter)
            return TypedResults.NotFound(new FinkError($"No filter named '{name}'.", "name"));
        if (!SseReplay.TryParseLastEventId(http.Request.Headers["Last-Event-ID"].ToString(), out var resumeAfter, out var error))
            return TypedResults.BadRequest(error);
        var ct = http.RequestAborted;
        // Subscribe before reading the journal: a match journalled after the read is then in the live queue.
        using var subscription = subscriptions.Subscribe(filter.Name);
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx: do not buffer the stream
        await response.WriteAsync($": livestream {filter.Name} ({filter.Topic}, {filter.Survey.Title} alerts)\nretry: 3000\n\n", ct);
        await response.Body.FlushAsync(ct);
        long droppedReported = 0;
        try
        {
            // Live events up to the last replayed id were sent by the replay already.
            var lastSent = resumeAfter is { } after ? await replay.ReplayAsync(filter, after, response, ct) : 0;
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(Heartbeat);
                bool ready;
                try
                {
                    ready = await subscription.Alerts.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await response.WriteAsync(": keep-alive\n\n", ct);
                    await response.Body.FlushAsync(ct);
                    continue;
                }
                if (!ready)
                    break;
                while (subscription.Alerts.TryRead(out var match))
                {
                    if (match.Seq == 0 || match.Seq > lastSent)
                        await response.Body.WriteAsync(Event(match.Seq, match.Alert), ct);
                }
                if (subscription.Dropped > droppedReported)
                {
                    await response.WriteAsync($"event: dropped\ndata: {subscription.Dropped - droppedReported}\n\n", ct);
                    droppedReported = subscription.Dropped;
                }
                await response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
        return TypedResults.Empty;
    }

    /// <summary><c>id: seq / event: alert / data: {"i:objectId": ..., ...}</c> (a Rubin alert: <c>{"r:diaSourceId": ...}</c>,
    /// as <c>/lsst/api/v1/sources</c> names its columns); nulls and NaN left out, and the id when
    /// the match has none (<paramref name="seq"/> 0: the journal could not record it).</summary>
    internal static byte[] Event(long seq, Alert alert)
    {
        using var buffer = new MemoryStream();
        buffer.Write(System.Text.Encoding.UTF8.GetBytes(seq > 0 ? $"id: {seq}\nevent: alert\ndata: " : "event: alert\ndata: "));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var column in alert.Survey.Catalog.Stored)
            {
                switch (alert.Values[column.Ordinal])
                {
                    case null: break;
                    case string s: json.WriteString(column.Name, s); break;
                    case bool b: json.WriteBoolean(column.Name, b); break;
                    case int i: json.WriteNumber(column.Name, i); break;
                    case long l: json.WriteNumber(column.Name, l); break;
                    case float f when float.IsFinite(f): json.WriteNumber(column.Name, f); break;
                    case double d when double.IsFinite(d): json.WriteNumber(column.Name, d); break;
                }
            }
            json.WriteEndObject();
        }
        buffer.Write("\n\n"u8);
        return buffer.ToArray();
    }
}
