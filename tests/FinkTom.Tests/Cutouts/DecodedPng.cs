using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace FinkTom.Tests.Cutouts;

/// <summary>A minimal PNG reader for the tests: checks the signature and every chunk CRC (with a bitwise CRC-32,
/// independent of the encoder's table), inflates IDAT and undoes filter type 0. 8-bit grayscale or RGBA only.</summary>
internal sealed record DecodedPng(int Width, int Height, byte ColorType, byte[] Pixels)
{
    public int Channels => ColorType == 6 ? 4 : 1;

    public static DecodedPng Read(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
        Assert.Equal(signature, png[..8]);

        int width = 0, height = 0;
        byte colorType = 0;
        var idat = new MemoryStream();
        var chunks = new List<string>();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            Assert.Equal(BitwiseCrc32(png.AsSpan(at + 4, 4 + length)), crc);
            chunks.Add(type);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal(8, data[8]); // bit depth
                    colorType = data[9];
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }
            at += 12 + length;
        }
        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);

        var channels = colorType == 6 ? 4 : 1;
        var stride = width * channels;
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var filtered = raw.ToArray();
        Assert.Equal(height * (stride + 1), filtered.Length);

        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            Assert.Equal(0, filtered[y * (stride + 1)]); // filter type None
            Array.Copy(filtered, y * (stride + 1) + 1, pixels, y * stride, stride);
        }
        return new DecodedPng(width, height, colorType, pixels);
    }

    private static uint BitwiseCrc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
