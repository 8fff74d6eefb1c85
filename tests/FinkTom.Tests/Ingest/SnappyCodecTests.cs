using System.Text;
using Avro.File;
using FinkTom.Ingest.Avro;

namespace FinkTom.Tests.Ingest;

/// <summary>The Avro snappy codec built on Snappier: raw snappy block + big-endian CRC-32 of the uncompressed bytes.</summary>
public sealed class SnappyCodecTests
{
    [Fact]
    public void Crc32_MatchesTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8)); // CRC-32/ISO-HDLC check value
        var data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        Assert.Equal(Crc32.Compute(data), Crc32.Compute(data.AsSpan())); // slicing-by-8 path and byte tail agree
        Assert.NotEqual(Crc32.Compute(data), Crc32.Compute(data.AsSpan(0, 999)));
    }

    [Fact]
    public void Registration_MakesSnappyResolvableByApacheAvro()
    {
        AvroCodecs.EnsureRegistered();
        AvroCodecs.EnsureRegistered(); // idempotent

        Assert.IsType<SnappyCodec>(Codec.CreateCodecFromString("snappy"));
    }

    [Fact]
    public void CompressedBlock_RoundTrips_AndEndsWithTheBigEndianCrc()
    {
        var codec = new SnappyCodec();
        var data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("ZTF19acihgng ", 500)));

        var block = codec.Compress(data);

        Assert.True(block.Length < data.Length);
        var crc = Crc32.Compute(data);
        Assert.Equal([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc], block[^4..]);
        Assert.Equal(data, codec.Decompress(block, block.Length));
    }

    [Fact]
    public void BlockWithAWrongCrc_IsRejected()
    {
        var codec = new SnappyCodec();
        var block = codec.Compress(Encoding.ASCII.GetBytes("some alert bytes"));
        block[^1] ^= 0xFF;

        var error = Assert.Throws<InvalidDataException>(() => codec.Decompress(block, block.Length));
        Assert.Contains("CRC-32 mismatch", error.Message);
    }
}
