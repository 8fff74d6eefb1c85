using Microsoft.OData;

namespace FinkTom.Tests.OData;

/// <summary>An HTTP answer as Microsoft.OData.Core's reader takes it (headers from both the response and its content).</summary>
internal sealed class ODataResponseMessage(HttpResponseMessage response, Stream body) : IODataResponseMessageAsync
{
    public IEnumerable<KeyValuePair<string, string>> Headers =>
        response.Headers.Concat(response.Content.Headers).Select(h => new KeyValuePair<string, string>(h.Key, string.Join(",", h.Value)));

    public int StatusCode { get => (int)response.StatusCode; set => throw new NotSupportedException(); }

    public string? GetHeader(string headerName) => Headers.FirstOrDefault(h => h.Key.Equals(headerName, StringComparison.OrdinalIgnoreCase)).Value;

    public void SetHeader(string headerName, string headerValue) => throw new NotSupportedException();

    public Stream GetStream() => body;

    public Task<Stream> GetStreamAsync() => Task.FromResult(body);
}
