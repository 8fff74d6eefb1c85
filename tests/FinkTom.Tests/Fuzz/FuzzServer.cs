using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Fuzz;

/// <summary>One server with the sample alerts for every fuzz property that goes over HTTP; fuzz requests only read.</summary>
[CollectionDefinition(Name)]
public sealed class FuzzServer : ICollectionFixture<FinkTomFactory>
{
    public const string Name = "Fuzz over HTTP on the sample alerts";

    /// <summary>Longest wait for one answer: far above any real one, so only a hang reaches it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static async Task<(int Status, string? MediaType, byte[] Body)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        using var response = await client.SendAsync(request, deadline.Token);
        // Read it all: an answer that breaks off after its headers (a failure while streaming rows) throws here.
        var body = await response.Content.ReadAsByteArrayAsync(deadline.Token);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    public static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    public static HttpRequestMessage Post(string url, byte[] body) => new(HttpMethod.Post, url)
    {
        Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
    };

    /// <summary>A JSON body parses; returns its root for further checks.</summary>
    public static JsonElement Json(byte[] body, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"{what}: the JSON answer does not parse ({e.Message}): {Text(body)}");
        }
    }

    public static string Text(byte[] body) => body.Length > 600 ? Encoding.UTF8.GetString(body, 0, 600) + "…" : Encoding.UTF8.GetString(body);
}
