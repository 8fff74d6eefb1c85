using FinkTom.Core.Model;
using FinkTom.Ingest.Decoding;
using FinkTom.Ingest.Decoding.Confluent;

namespace FinkTom.Kafka.Ingest;

/// <summary>
/// One Kafka message → its alerts, in the layout <c>Kafka:Ingest:Framing</c> says (<see cref="KafkaFraming"/>): ZTF's
/// stream sends each alert as a whole Avro object container (it starts with <c>Obj\x01</c>); Fink's livestream sends
/// schemaless Avro with the writer schema as JSON in the key; Rubin's stream frames schemaless Avro with a magic byte
/// and a schema id (<see cref="ConfluentFraming"/>). Throws Avro/alert decode errors for a message that does not fit
/// (the caller counts it as poison), and <see cref="SchemaSourceUnavailableException"/> when the schema registry cannot
/// answer (the caller reads the message again later).
/// </summary>
public sealed class KafkaMessageDecoder(AlertPayloadDecoder decoder, KafkaFraming framing = KafkaFraming.Auto, ConfluentAlertDecoder? confluent = null)
{
    private static readonly byte[] ContainerMagic = "Obj\u0001"u8.ToArray();

    public KafkaMessageDecoder() : this(new AlertPayloadDecoder())
    {
    }

    /// <summary>The decoder <c>Kafka:Ingest</c> asks for: its framing, and its schema folder and registry (in that order)
    /// for Confluent-framed values. Expects options that passed validation.</summary>
    public static KafkaMessageDecoder For(KafkaIngestOptions options)
    {
        KafkaFramings.TryParse(options.Framing, out var framing);
        var sources = new List<IWriterSchemaSource>();
        if (!string.IsNullOrWhiteSpace(options.SchemaDirectory))
            sources.Add(new SchemaDirectorySource(options.SchemaDirectory));
        if (!string.IsNullOrWhiteSpace(options.SchemaRegistryUrl))
            sources.Add(new SchemaRegistrySource(new Uri(options.SchemaRegistryUrl)));
        var payloads = new AlertPayloadDecoder();
        var confluent = sources.Count > 0 ? new ConfluentAlertDecoder(new WriterSchemaResolver(sources), payloads) : null;
        return new KafkaMessageDecoder(payloads, framing, confluent);
    }

    public KafkaFraming Framing => framing;

    public IReadOnlyList<Alert> Decode(byte[]? key, byte[]? value)
    {
        if (value is null || value.Length == 0)
            throw new AlertDecodeException("empty message");
        return framing switch
        {
            KafkaFraming.Container => IsContainer(value) ? decoder.DecodeContainer(value)
                : throw new AlertDecodeException("not an Avro container (no 'Obj\\x01' magic), and Kafka:Ingest:Framing is container"),
            KafkaFraming.Fink => HasSchemaKey(key) ? [DecodeFink(key!, value)]
                : throw new AlertDecodeException("no writer schema (JSON) in the key, and Kafka:Ingest:Framing is fink"),
            KafkaFraming.Confluent => [DecodeConfluent(value)],
            _ => DecodeAuto(key, value),
        };
    }

    private IReadOnlyList<Alert> DecodeAuto(byte[]? key, byte[] value)
    {
        if (IsContainer(value))
            return decoder.DecodeContainer(value);
        // Before the magic byte: a Fink value often starts with 0x00 too (branch 0 of its first [long, "null"] field).
        if (HasSchemaKey(key))
            return [DecodeFink(key!, value)];
        if (ConfluentFraming.LooksFramed(value))
            return [DecodeConfluent(value)];
        throw new AlertDecodeException("neither an Avro container (ZTF stream), nor a value with its writer schema as JSON in the key " +
            "(Fink livestream), nor Confluent-framed (magic byte 0x00 and a schema id: Rubin's stream)");
    }

    private Alert DecodeConfluent(byte[] value)
    {
        if (confluent is null)
        {
            var (schemaId, _) = ConfluentFraming.Split(value);
            throw new AlertDecodeException($"Confluent-framed value (schema id {schemaId}) but no schema source: " +
                "set Kafka:Ingest:SchemaRegistryUrl or Kafka:Ingest:SchemaDirectory");
        }
        return confluent.Decode(value);
    }

    private Alert DecodeFink(byte[] key, byte[] value) => decoder.DecodeSchemaless(value, System.Text.Encoding.UTF8.GetString(key));

    private static bool IsContainer(byte[] value) => value.AsSpan().StartsWith(ContainerMagic);

    private static bool HasSchemaKey(byte[]? key) => key is { Length: > 0 } && key[0] == (byte)'{';
}
