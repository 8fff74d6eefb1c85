using System.Text;

namespace FinkTom.Ingest.Avro;

/// <summary>
/// The header of an Avro object container: magic <c>Obj\x01</c>, a metadata map (<c>avro.schema</c>,
/// <c>avro.codec</c>, …) and the 16-byte sync marker that ends every block (Avro specification).
/// </summary>
internal sealed record AvroContainerHeader(string SchemaJson, string CodecName, byte[] Sync)
{
    public const int SyncLength = 16;
    private const long MaxMetadataBytes = 64L << 20;

    /// <summary>Reads the header; throws <see cref="AvroFormatException"/> with a reason for anything else.</summary>
    public static AvroContainerHeader Read(Stream stream)
    {
        Span<byte> magic = stackalloc byte[4];
        var got = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        if (got == 0)
            throw new AvroFormatException("empty file: not an Avro container");
        if (got < 4 || !magic.SequenceEqual("Obj\x01"u8))
            throw new AvroFormatException("not an Avro container file (it does not start with the 'Obj\\x01' magic)");

        Dictionary<string, byte[]> metadata;
        var sync = new byte[SyncLength];
        try
        {
            metadata = ReadMetadata(stream);
            stream.ReadExactly(sync);
        }
        catch (EndOfStreamException)
        {
            throw new AvroFormatException("truncated Avro header: the file ends before the first data block");
        }

        if (!metadata.TryGetValue("avro.schema", out var schema))
            throw new AvroFormatException("corrupt Avro header: no 'avro.schema' entry");
        // The specification: no avro.codec means "null".
        var codec = metadata.TryGetValue("avro.codec", out var codecBytes) ? Encoding.UTF8.GetString(codecBytes) : "null";
        return new AvroContainerHeader(Encoding.UTF8.GetString(schema), codec, sync);
    }

    private static Dictionary<string, byte[]> ReadMetadata(Stream stream)
    {
        var metadata = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long total = 0;
        while (true)
        {
            var count = AvroVarint.ReadLong(stream);
            if (count == 0)
                return metadata;
            if (count < 0)
            {
                count = -count;
                AvroVarint.ReadLong(stream); // the block's byte size: not needed
            }
            for (long i = 0; i < count; i++)
            {
                var key = Encoding.UTF8.GetString(ReadBytes(stream, ref total));
                metadata[key] = ReadBytes(stream, ref total);
            }
        }
    }

    private static byte[] ReadBytes(Stream stream, ref long total)
    {
        var length = AvroVarint.ReadLong(stream);
        // Compared before adding: a length near long.MaxValue wrapped the total round to a small number.
        if (length < 0 || length > MaxMetadataBytes - total)
            throw new AvroFormatException("corrupt Avro header: impossible metadata length");
        total += length;
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
