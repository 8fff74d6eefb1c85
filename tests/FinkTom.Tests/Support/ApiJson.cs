using System.Net.Http.Json;
using System.Text.Json;

namespace FinkTom.Tests.Support;

/// <summary>Small helpers to call the API and read Fink's record-oriented JSON.</summary>
public static class ApiJson
{
    public static async Task<List<Dictionary<string, JsonElement>>> Records(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(body)!;
    }

    public static Task<HttpResponseMessage> Post(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);

    /// <summary>Asserts a 400 (or other status) with Fink's error shape naming the parameter, and returns the text.</summary>
    public static async Task<string> AssertError(HttpResponseMessage response, string? parameter, int status = 400)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        Assert.Equal("error", document.RootElement.GetProperty("status").GetString());
        var text = document.RootElement.GetProperty("text").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(text));
        if (parameter is not null)
        {
            Assert.Equal(parameter, document.RootElement.GetProperty("parameter").GetString());
        }
        return text;
    }

    public static string Str(this Dictionary<string, JsonElement> row, string column) => row[column].GetString()!;

    public static double Num(this Dictionary<string, JsonElement> row, string column) => row[column].GetDouble();
}
