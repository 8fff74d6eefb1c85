using FinkTom.Core.Surveys;
using FinkTom.Ingest.Avro;
using FinkTom.Ingest.Decoding;
using FinkTom.Ingest.Decoding.Confluent;
using FinkTom.Kafka;
using FinkTom.Kafka.Ingest;
using FinkTom.Tests.Support;
using FinkTom.Tests.Surveys.Lsst;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FinkTom.Tests.Kafka;

/// <summary>Which layout a Kafka message is read in (<c>Kafka:Ingest:Framing</c>), without a broker.</summary>
public sealed class KafkaMessageDecoderTests : IDisposable
{
    private readonly TempDirectory _schemas = new();

    public void Dispose() => _schemas.Dispose();

    [Fact]
    public void Fink_livestream_LSST_messages_decode_through_the_Fink_path_like_the_file()
    {
        var messages = RubinKafkaSamples.FinkLayoutMessages();
        var fromFile = LsstSamples.Read(LsstSamples.DataTransfer);

        // Fink's values start with 0x00 like a Confluent header (branch 0 of diaSourceId's [long, "null"]): the key decides.
        Assert.All(messages, m => Assert.Equal(0, m.Value[0]));
        foreach (var decoder in new[] { new KafkaMessageDecoder(), new KafkaMessageDecoder(new AlertPayloadDecoder(), KafkaFraming.Fink) })
        {
            var alerts = messages.Select(m => Assert.Single(decoder.Decode(m.Key, m.Value))).ToList();
            Assert.Equal(fromFile.Count, alerts.Count);
            for (var i = 0; i < alerts.Count; i++)
                RubinKafkaSamples.AssertSame(fromFile[i], alerts[i]);
            Assert.All(alerts, a => Assert.Same(Survey.Lsst, a.Survey));
            Assert.Contains(alerts, a => a.Id == 170094456272322680L);
        }
    }

    [Fact]
    public void A_framed_value_without_a_schema_source_names_the_settings_to_give()
    {
        var value = ConfluentFraming.Frame(1000, [2, 4, 6]);

        var e = Assert.Throws<AlertDecodeException>(() => new KafkaMessageDecoder().Decode(null, value));
        Assert.Equal("Confluent-framed value (schema id 1000) but no schema source: set Kafka:Ingest:SchemaRegistryUrl or " +
            "Kafka:Ingest:SchemaDirectory", e.Message);
    }

    [Fact]
    public void An_explicit_framing_reads_only_its_layout()
    {
        var (key, value) = RubinKafkaSamples.FinkLayoutMessages()[0];
        _schemas.Write("1.avsc", key);
        var options = new KafkaIngestOptions { SchemaDirectory = _schemas.Path };
        KafkaMessageDecoder With(string framing) => KafkaMessageDecoder.For(new KafkaIngestOptions { Framing = framing, SchemaDirectory = _schemas.Path });

        Assert.Contains("Framing is container", Assert.Throws<AlertDecodeException>(() => With("container").Decode(key, value)).Message);
        Assert.Contains("Framing is fink", Assert.Throws<AlertDecodeException>(() => With("fink").Decode(null, value)).Message);
        // Confluent never reads the key: this value's first bytes, read as a header, name no known schema.
        Assert.StartsWith("unknown schema id", Assert.Throws<AvroFormatException>(() => With("confluent").Decode(key, value)).Message);
        Assert.Equal(170094456272322680L, Assert.Single(With("Confluent").Decode(null, ConfluentFraming.Frame(1, value))).Id);
        Assert.Equal(KafkaFraming.Auto, KafkaMessageDecoder.For(options).Framing);
    }

    [SharedDataFact]
    public void The_decoder_configured_with_a_schema_folder_reads_both_Rubin_vectors_shared_data()
    {
        var decoder = KafkaMessageDecoder.For(new KafkaIngestOptions { SchemaDirectory = RubinKafkaSamples.WriteSchemaFolder(_schemas) });

        foreach (var id in new[] { RubinKafkaSamples.V10, RubinKafkaSamples.V11 })
            Assert.Equal(RubinKafkaSamples.VectorDiaObjectId, Assert.Single(decoder.Decode(null, RubinKafkaSamples.Vector(id)))["r:diaObjectId"]);
    }

    [Theory]
    [InlineData("Framing=ztf", "Kafka:Ingest:Framing must be auto, container, fink or confluent, not 'ztf'.")]
    [InlineData("Framing=confluent", "Kafka:Ingest:Framing confluent needs Kafka:Ingest:SchemaRegistryUrl or Kafka:Ingest:SchemaDirectory.")]
    [InlineData("SchemaRegistryUrl=usdf-alert-schemas-dev.slac.stanford.edu",
        "Kafka:Ingest:SchemaRegistryUrl must be an http(s) URL, not 'usdf-alert-schemas-dev.slac.stanford.edu'.")]
    [InlineData("SchemaDirectory=/no/such/folder", "Kafka:Ingest:SchemaDirectory '/no/such/folder' is not a folder.")]
    public void Framing_settings_are_checked_at_start(string setting, string problem)
    {
        var e = Assert.Throws<OptionsValidationException>(() => Options(setting));
        Assert.Equal([problem], e.Failures);
    }

    [Fact]
    public void Valid_framing_settings_pass()
    {
        Assert.Equal("Confluent", Options("Framing=Confluent", "SchemaRegistryUrl=https://usdf-alert-schemas-dev.slac.stanford.edu").Ingest.Framing);
        Assert.Equal(_schemas.Path, Options("Framing=confluent", $"SchemaDirectory={_schemas.Path}").Ingest.SchemaDirectory);
        Assert.Equal("auto", Options().Ingest.Framing);
    }

    private static KafkaOptions Options(params string[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => s.Split('=', 2))
            .ToDictionary(p => "Kafka:Ingest:" + p[0], p => (string?)p[1])).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddKafka(configuration, consume: false);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<KafkaOptions>>().Value;
    }
}
