using System.Net;
using System.Text.Json;

namespace FinkTom.Tests.Livestream;

/// <summary>An SSE client as a test needs one: connect (optionally resuming), read events with their ids.</summary>
internal static class SseTestClient
{
    public sealed record SseEvent(string? Id, string Type, string Data)
    {
        public long Candid => JsonDocument.Parse(Data).RootElement.GetProperty("i:candid").GetInt64();
    }

    public static async Task<StreamReader> ConnectAsync(LivestreamFactory factory, string filter, string? lastEventId)
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
    public static async Task<List<SseEvent>> ReadAsync(StreamReader reader, int count, TimeSpan? timeout = null, bool includeGaps = false)
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
