using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FinkTom.Ingest.Decoding.Confluent;

/// <summary>
/// A Confluent-compatible Schema Registry over HTTP: <c>GET {url}/schemas/ids/{id}</c> answers
/// <c>{"schema": "&lt;Avro schema JSON&gt;"}</c>, or 404 with error code 40403 for an unknown id. Rubin's registry is
/// <c>https://usdf-alert-schemas-dev.slac.stanford.edu</c>. Anything else (no answer, 5xx, 401, a 404 or 200 that is
/// not the registry's) makes the source unavailable rather than the id unknown, so a wrong URL or an outage does not
/// turn every message into a skipped one. A URL with <c>user:password@</c> (Confluent Cloud's API key and secret) sends
/// them as HTTP Basic authentication, and never shows them in messages.
/// </summary>
public sealed class SchemaRegistrySource(Uri baseUrl, HttpClient http) : IWriterSchemaSource
{
    private const int SchemaNotFound = 40403;
    private readonly string _base = new UriBuilder(baseUrl) { UserName = "", Password = "" }.Uri.ToString().TrimEnd('/');
    private readonly AuthenticationHeaderValue? _credentials = baseUrl.UserInfo.Length == 0 ? null
        : new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(baseUrl.UserInfo))));

    /// <summary>With an HTTP client of its own (10 s timeout, schemas up to 16 MiB).</summary>
    public SchemaRegistrySource(Uri baseUrl) : this(baseUrl, DefaultClient())
    {
    }

    public string Description => $"the schema registry at {_base}";

    public string? Find(int schemaId)
    {
        var url = $"{_base}/schemas/ids/{schemaId}";
        string body;
        HttpStatusCode status;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/vnd.schemaregistry.v1+json");
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Authorization = _credentials;
            // Send, not SendAsync: the Kafka consumer decodes on a thread of its own.
            using var response = http.Send(request);
            status = response.StatusCode;
            using var reader = new StreamReader(response.Content.ReadAsStream());
            body = reader.ReadToEnd();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new SchemaSourceUnavailableException($"{Description} did not answer for schema id {schemaId}: {e.Message}", e);
        }

        if (status == HttpStatusCode.NotFound && ErrorCode(body) == SchemaNotFound)
            return null;
        if (status != HttpStatusCode.OK)
            throw new SchemaSourceUnavailableException($"{Description} answered HTTP {(int)status} for schema id {schemaId}: {Excerpt(body)}");
        return SchemaText(body) ?? throw new SchemaSourceUnavailableException(
            $"{Description} answered schema id {schemaId} with something other than {{\"schema\": \"...\"}} of an Avro schema: {Excerpt(body)}");
    }

    // {"schema": "..."} with no schemaType, or "AVRO" (the registry omits it for Avro); null for anything else.
    private static string? SchemaText(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.String)
                return null;
            if (root.TryGetProperty("schemaType", out var type) && type.GetString() is { } kind && kind != "AVRO")
                return null;
            return schema.GetString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int? ErrorCode(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error_code", out var code)
                && code.TryGetInt32(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Excerpt(string body) => body.Length <= 200 ? body : body[..200] + "…";

    private static HttpClient DefaultClient() => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        Timeout = TimeSpan.FromSeconds(10),
        MaxResponseContentBufferSize = 16 << 20,
    };
}
