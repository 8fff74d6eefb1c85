using System.Net;
using System.Net.Sockets;
using FinkTom.Ingest.Avro;
using FinkTom.Ingest.Decoding.Confluent;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Surveys.Lsst;

/// <summary>Writer schemas from a Confluent-compatible Schema Registry over HTTP (<see cref="SchemaRegistryStandIn"/>).</summary>
public sealed class SchemaRegistryTests : IAsyncLifetime
{
    private SchemaRegistryStandIn _registry = null!;
    private readonly TempDirectory _folder = new();

    public async ValueTask InitializeAsync() => _registry = await SchemaRegistryStandIn.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _registry.DisposeAsync();
        _folder.Dispose();
    }

    [SharedDataFact]
    public void Rubin_vectors_decode_with_the_registry_schemas_asked_once_per_id_shared_data()
    {
        foreach (var id in new[] { RubinKafkaSamples.V10, RubinKafkaSamples.V11 })
            _registry.Schemas[id] = RubinKafkaSamples.SchemaJson(id);
        var decoder = new ConfluentAlertDecoder(new WriterSchemaResolver([new SchemaRegistrySource(_registry.Url)]));

        for (var round = 0; round < 3; round++)
            foreach (var id in new[] { RubinKafkaSamples.V10, RubinKafkaSamples.V11 })
            {
                var alert = decoder.Decode(RubinKafkaSamples.Vector(id));
                RubinKafkaSamples.AssertSame(Assert.Single(LsstSamples.Read(RubinKafkaSamples.Container(id))), alert);
            }
        Assert.Equal(2, _registry.Requests);
    }

    [Fact]
    public void A_registry_schema_in_canonical_form_decodes_the_bundled_Fink_alerts()
    {
        var messages = RubinKafkaSamples.FinkLayoutMessages();
        _registry.Schemas[7] = System.Text.Encoding.UTF8.GetString(messages[0].Key);
        var decoder = new ConfluentAlertDecoder(new WriterSchemaResolver([new SchemaRegistrySource(new Uri(_registry.Url, "/"))]));

        var alerts = messages.Select(m => decoder.Decode(ConfluentFraming.Frame(7, m.Value))).ToList();
        var fromFile = LsstSamples.Read(LsstSamples.DataTransfer);
        for (var i = 0; i < alerts.Count; i++)
            RubinKafkaSamples.AssertSame(fromFile[i], alerts[i]);
        Assert.Equal(1, _registry.Requests);
    }

    [Fact]
    public void An_id_the_registry_does_not_know_is_unknown_and_asked_again_only_a_minute_later()
    {
        var clock = new ManualClock();
        var resolver = new WriterSchemaResolver([new SchemaRegistrySource(_registry.Url)], clock);

        var e = Assert.Throws<AvroFormatException>(() => resolver.Resolve(4242));
        Assert.Equal($"unknown schema id 4242: not in the schema registry at {_registry.Url.ToString().TrimEnd('/')}", e.Message);
        Assert.Throws<AvroFormatException>(() => resolver.Resolve(4242));
        Assert.Equal(1, _registry.Requests);

        _registry.Schemas[4242] = """{"type": "record", "name": "x", "fields": []}""";
        clock.Now += WriterSchemaResolver.UnknownFor;
        Assert.Equal("x", resolver.Resolve(4242).Schema.Name);
        Assert.Equal(2, _registry.Requests);
    }

    [Theory]
    [InlineData(503, """{"error_code": 50003, "message": "Error while forwarding the request to the leader"}""", "answered HTTP 503")]
    [InlineData(401, """{"error_code": 401, "message": "Unauthorized"}""", "answered HTTP 401")]
    [InlineData(404, "<html>Not Found</html>", "answered HTTP 404")]
    [InlineData(200, "<html>a web site</html>", "with something other than")]
    [InlineData(200, """{"schema": "syntax = \"proto3\";", "schemaType": "PROTOBUF"}""", "with something other than")]
    public void A_registry_that_fails_or_is_not_one_is_unavailable_not_an_unknown_id(int status, string body, string reason)
    {
        _registry.Failure = (status, body);
        var resolver = new WriterSchemaResolver([new SchemaRegistrySource(_registry.Url)]);

        var e = Assert.Throws<SchemaSourceUnavailableException>(() => resolver.Resolve(1000));
        Assert.Contains(reason, e.Message);
        _registry.Failure = null;
        _registry.Schemas[1000] = """{"type": "record", "name": "x", "fields": []}""";
        Assert.Equal("x", resolver.Resolve(1000).Schema.Name); // not remembered as unknown
    }

    [Fact]
    public void A_registry_that_does_not_answer_is_unavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closed = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        listener.Stop();

        var e = Assert.Throws<SchemaSourceUnavailableException>(() => new SchemaRegistrySource(closed).Find(1000));
        Assert.StartsWith($"the schema registry at {closed.ToString().TrimEnd('/')} did not answer for schema id 1000", e.Message);
    }

    [Fact]
    public void Credentials_in_the_URL_are_sent_as_basic_authentication_and_never_shown()
    {
        var withKey = new UriBuilder(_registry.Url) { UserName = "KEY", Password = "s3cr:t" }.Uri;
        var source = new SchemaRegistrySource(withKey);

        Assert.Null(source.Find(1));
        Assert.Equal("Basic " + Convert.ToBase64String("KEY:s3cr:t"u8), _registry.LastAuthorization);
        Assert.DoesNotContain("s3cr", source.Description);
        Assert.Null(new SchemaRegistrySource(_registry.Url).Find(1));
        Assert.Equal("", _registry.LastAuthorization);
    }

    [Fact]
    public void The_schema_folder_is_read_before_the_registry()
    {
        _folder.Write("5.avsc", """{"type": "record", "name": "from_folder", "fields": []}"""u8.ToArray());
        _registry.Schemas[5] = """{"type": "record", "name": "from_registry", "fields": []}""";
        _registry.Schemas[6] = """{"type": "record", "name": "from_registry", "fields": []}""";
        var resolver = new WriterSchemaResolver([new SchemaDirectorySource(_folder.Path), new SchemaRegistrySource(_registry.Url)]);

        Assert.Equal("from_folder", resolver.Resolve(5).Schema.Name);
        Assert.Equal("from_registry", resolver.Resolve(6).Schema.Name);
        Assert.Equal(1, _registry.Requests);
        Assert.Contains("nor the schema registry", Assert.Throws<AvroFormatException>(() => resolver.Resolve(8)).Message);
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 6, 24, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
