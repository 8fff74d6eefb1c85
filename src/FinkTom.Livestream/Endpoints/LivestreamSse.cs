using System.Text.Json;
using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Livestream.Filters;
using Microsoft.AspNetCore.Http;

namespace FinkTom.Livestream.Endpoints;

/// <summary>
/// A filter's livestream over HTTP for users without a Kafka client: <c>text/event-stream</c>, one <c>alert</c> event
/// per new matching alert (<c>id</c> = candid, <c>data</c> = the alert's columns as the Fink API names them, JSON on
/// one line). A comment line every 15 s keeps proxies from closing an idle stream. Alerts stored before the client
/// connected are not replayed (query the REST API for those).
/// </summary>
internal static class LivestreamSse
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static async Task<IResult> StreamAsync(string name, HttpContext http, FilterRegistry registry, AlertSubscriptions subscriptions)
    {
        if (registry.Find(name) is not { } filter)
            return TypedResults.NotFound(new FinkError($"No filter named '{name}'.", "name"));
        var ct = http.RequestAborted;
        using var subscription = subscriptions.Subscribe(filter.Name);
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx: do not buffer the stream
        await response.WriteAsync($": livestream {filter.Name} ({filter.Topic})\nretry: 3000\n\n", ct);
        await response.Body.FlushAsync(ct);
        long droppedReported = 0;
        try
        {
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
                while (subscription.Alerts.TryRead(out var alert))
                    await response.Body.WriteAsync(Event(alert), ct);
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

    /// <summary><c>id: candid / event: alert / data: {"i:objectId": ..., ...}</c>; nulls and NaN left out.</summary>
    internal static byte[] Event(Alert alert)
    {
        using var buffer = new MemoryStream();
        buffer.Write(System.Text.Encoding.UTF8.GetBytes($"id: {alert.Candid}\nevent: alert\ndata: "));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var column in ColumnCatalog.Stored)
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
