using System.Buffers.Binary;
using System.IO.Compression;
using Avro.File;
using Snappier;

namespace FinkTom.Ingest.Avro;

/// <summary>
/// Decompresses container blocks with a ceiling on the output: a few hundred kilobytes of deflate can expand a
/// thousandfold, so a hostile or broken file must fail on its size, not on the machine's memory.
/// <c>null</c>, <c>deflate</c> and <c>snappy</c> are read here; any other codec Apache.Avro resolves goes through it.
/// </summary>
internal static class AvroBlockCodec
{
    /// <summary>The block's data, at most <paramref name="maxBytes"/> long. Throws <see cref="InvalidDataException"/>
    /// when the data is not valid for the codec or expands beyond the limit.</summary>
    public static ReadOnlyMemory<byte> Decompress(string codecName, Codec codec, byte[] block, int length, long maxBytes) => codecName switch
    {
        "null" => block.AsMemory(0, length),
        "deflate" => Inflate(block, length, maxBytes),
        SnappyCodec.Name => Unsnap(block, length, maxBytes),
        _ => Checked(codec.Decompress(block, length), maxBytes),
    };

    // Inflated in chunks, then copied once into an array of the exact size: a MemoryStream doubling its buffer allocated
    // 160 MiB before refusing a bomb at the 64 MiB cap; this allocates the cap and a chunk.
    private static byte[] Inflate(byte[] block, int length, long maxBytes)
    {
        using var inflater = new DeflateStream(new MemoryStream(block, 0, length, writable: false), CompressionMode.Decompress);
        var chunks = new List<byte[]>();
        long total = 0;
        while (true)
        {
            var chunk = new byte[(int)Math.Clamp(maxBytes - total + 1, 1, 1 << 16)];
            var read = inflater.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
            total += read;
            if (total > maxBytes)
                throw TooLarge(maxBytes);
            if (read == 0)
                break;
            chunks.Add(read == chunk.Length ? chunk : chunk[..read]);
            if (read < chunk.Length)
                break;
        }
        if (chunks.Count == 1)
            return chunks[0];
        var output = new byte[total];
        var at = 0;
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(output, at);
            at += chunk.Length;
        }
        return output;
    }

    private static byte[] Unsnap(byte[] block, int length, long maxBytes)
    {
        const int crcLength = 4;
        if (length < crcLength)
            throw new InvalidDataException($"snappy block of {length} bytes is too short to hold its CRC-32.");
        var compressed = block.AsSpan(0, length - crcLength);
        int size;
        try
        {
            size = Snappy.GetUncompressedLength(compressed); // the preamble states the size: check it before allocating
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"snappy block is not valid snappy data: {e.Message}", e);
        }
        if (size > maxBytes)
            throw TooLarge(maxBytes);
        return new SnappyCodec().Decompress(block, length);
    }

    private static byte[] Checked(byte[] data, long maxBytes) => data.Length > maxBytes ? throw TooLarge(maxBytes) : data;

    private static InvalidDataException TooLarge(long maxBytes) =>
        new($"it expands beyond {maxBytes / (1024 * 1024)} MiB, the most FinkTom reads into memory for one block");
}
