using FinkTom.Core.Model;
using FinkTom.Ingest.Decoding;

namespace FinkTom.Kafka.Ingest;

/// <summary>
/// One Kafka message → its alerts. ZTF's stream sends each alert as a whole Avro object container (it starts with
/// <c>Obj\x01</c>); Fink's livestream sends schemaless Avro with the writer schema as JSON in the key.
/// Throws (Avro/alert decode errors) for a message that is neither: the caller counts it as poison.
/// </summary>
public sealed class KafkaMessageDecoder(AlertPayloadDecoder decoder)
{
    private static readonly byte[] ContainerMagic = "Obj\u0001"u8.ToArray();

    public KafkaMessageDecoder() : this(new AlertPayloadDecoder())
    {
    }

    public IReadOnlyList<Alert> Decode(byte[]? key, byte[]? value)
    {
        if (value is null || value.Length == 0)
            throw new AlertDecodeException("empty message");
        if (value.AsSpan().StartsWith(ContainerMagic))
            return decoder.DecodeContainer(value);
        if (key is { Length: > 0 } && key[0] == (byte)'{')
            return [decoder.DecodeSchemaless(value, System.Text.Encoding.UTF8.GetString(key))];
        throw new AlertDecodeException(
            "neither an Avro container (ZTF stream) nor a value with its writer schema as JSON in the key (Fink livestream)");
    }
}
