using System.Buffers.Binary;
using FinkTom.Ingest.Avro;

namespace FinkTom.Ingest.Decoding.Confluent;

/// <summary>
/// Confluent's wire format, used by Rubin's own alert stream (contract fink-lsst-api.md §4.3): a Kafka value is
/// <c>0x00</c> (magic byte), the writer schema's id as a 4-byte big-endian integer, then one record in schemaless Avro.
/// Rubin's ids: <c>lsst.v10_0</c> = 1000, <c>lsst.v11_0</c> = 1100 (major and two-digit minor).
/// </summary>
public static class ConfluentFraming
{
    public const byte MagicByte = 0x00;
    public const int HeaderLength = 5;

    /// <summary>Whether the value starts like a framed message (magic byte and room for the id). Fink's schemaless values
    /// often start with 0x00 too (branch 0 of a <c>[long, "null"]</c> union), so this alone does not decide.</summary>
    public static bool LooksFramed(ReadOnlySpan<byte> value) => value.Length >= HeaderLength && value[0] == MagicByte;

    /// <summary>The schema id and the Avro body. Throws <see cref="AvroFormatException"/> for a value too short for the
    /// header or not starting with the magic byte.</summary>
    public static (int SchemaId, ReadOnlyMemory<byte> Body) Split(ReadOnlyMemory<byte> value)
    {
        var span = value.Span;
        if (span.Length == 0)
            throw new AvroFormatException("empty value: no Confluent header (magic byte 0x00 and a 4-byte schema id)");
        if (span[0] != MagicByte)
            throw new AvroFormatException($"not Confluent-framed: the first byte is 0x{span[0]:x2}, not the magic byte 0x00");
        if (span.Length < HeaderLength)
            throw new AvroFormatException($"truncated Confluent header: {span.Length} bytes, the magic byte and schema id need {HeaderLength}");
        var id = BinaryPrimitives.ReadInt32BigEndian(span[1..HeaderLength]);
        if (span.Length == HeaderLength)
            throw new AvroFormatException($"Confluent-framed message with schema id {id} has no Avro body");
        return (id, value[HeaderLength..]);
    }

    /// <summary>The header for <paramref name="schemaId"/> followed by <paramref name="body"/> (what a producer sends).</summary>
    public static byte[] Frame(int schemaId, ReadOnlySpan<byte> body)
    {
        var framed = new byte[HeaderLength + body.Length];
        framed[0] = MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1, 4), schemaId);
        body.CopyTo(framed.AsSpan(HeaderLength));
        return framed;
    }
}
