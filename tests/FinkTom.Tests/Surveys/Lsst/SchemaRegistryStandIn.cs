using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FinkTom.Tests.Surveys.Lsst;

/// <summary>
/// A STAND-IN for a Confluent Schema Registry (Kestrel on loopback; Rubin's registry is not reachable from here), with
/// the one call a consumer makes: <c>GET /schemas/ids/{id}</c> → <c>{"schema": "..."}</c> holding the schema's Avro
/// parsing canonical form (what alert_packet registers, contract fink-lsst-api.md §4.3), or 404 with error code 40403.
/// <see cref="Failure"/> makes every answer that status and body instead (an outage, a wrong server).
/// </summary>
public sealed class SchemaRegistryStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private SchemaRegistryStandIn(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Schema JSON by id, served in parsing canonical form.</summary>
    public ConcurrentDictionary<int, string> Schemas { get; } = new();

    public (int Status, string Body)? Failure { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The Authorization header of the last request ("" without one).</summary>
    public string LastAuthorization { get; private set; } = "";

    public static async Task<SchemaRegistryStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var registry = new SchemaRegistryStandIn(app);
        app.MapGet("/schemas/ids/{id:int}", (int id, HttpRequest request) =>
        {
            registry.LastAuthorization = request.Headers.Authorization.ToString();
            return registry.Answer(id);
        });
        await app.StartAsync();
        registry.Url = new Uri(app.Urls.First());
        return registry;
    }

    private IResult Answer(int id)
    {
        Interlocked.Increment(ref _requests);
        const string type = "application/vnd.schemaregistry.v1+json";
        if (Failure is var (status, body))
            return Results.Text(body, type, statusCode: status);
        if (!Schemas.TryGetValue(id, out var schema))
            return Results.Text(JsonSerializer.Serialize(new { error_code = 40403, message = $"Schema {id} not found" }), type, statusCode: 404);
        var canonical = Avro.SchemaNormalization.ToParsingForm(Avro.Schema.Parse(schema));
        return Results.Text(JsonSerializer.Serialize(new { schema = canonical }), type);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
