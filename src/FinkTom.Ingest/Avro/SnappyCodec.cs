using System.Buffers.Binary;
using Avro.File;
using Snappier;

namespace FinkTom.Ingest.Avro;

/// <summary>
/// The Avro <c>snappy</c> codec (Avro specification, "Object Container Files"): each block is raw snappy data
/// followed by the 4-byte big-endian CRC-32 of the uncompressed bytes, which is verified on read.
/// Apache.Avro ships no snappy codec (Apache.Avro.File.Snappy does not restore here), so this one is built on
/// Snappier; Spark-written Fink files (e.g. fink-client <c>tests/sample.avro</c>) use it.
/// </summary>
public sealed class SnappyCodec : Codec
{
    public const string Name = "snappy";

    private const int CrcLength = 4;

    public override byte[] Decompress(byte[] compressedData, int length)
    {
        if (length < CrcLength)
            throw new InvalidDataException($"snappy block of {length} bytes is too short to hold its CRC-32.");

        var compressed = compressedData.AsSpan(0, length - CrcLength);
        var expectedCrc = BinaryPrimitives.ReadUInt32BigEndian(compressedData.AsSpan(length - CrcLength, CrcLength));
        byte[] uncompressed;
        try
        {
            uncompressed = Snappy.DecompressToArray(compressed);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"snappy block is not valid snappy data: {e.Message}", e);
        }

        var actualCrc = Crc32.Compute(uncompressed);
        if (actualCrc != expectedCrc)
            throw new InvalidDataException($"snappy block CRC-32 mismatch: stored {expectedCrc:x8}, computed {actualCrc:x8}.");
        return uncompressed;
    }

    public override byte[] Compress(byte[] uncompressedData)
    {
        var compressed = Snappy.CompressToArray(uncompressedData);
        var result = new byte[compressed.Length + CrcLength];
        compressed.CopyTo(result, 0);
        BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(compressed.Length), Crc32.Compute(uncompressedData));
        return result;
    }

    public override void Compress(MemoryStream inputStream, MemoryStream outputStream)
    {
        var result = Compress(inputStream.ToArray());
        outputStream.SetLength(0);
        outputStream.Write(result, 0, result.Length);
    }

    public override string GetName() => Name;

    public override bool Equals(object? other) => other is SnappyCodec;

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}
