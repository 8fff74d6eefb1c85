using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace FinkTom.Server.Cutouts;

/// <summary>PNG colour types written by <see cref="PngEncoder"/> (8 bits per channel).</summary>
public enum PngColorType : byte
{
    /// <summary>One grey byte per pixel (PIL mode "L").</summary>
    Grayscale = 0,

    /// <summary>Four bytes per pixel: red, green, blue, alpha (PIL mode "RGBA").</summary>
    Rgba = 6,
}

/// <summary>
/// A minimal PNG encoder (PNG spec, ISO/IEC 15948): signature, IHDR, one IDAT (zlib via <see cref="ZLibStream"/>,
/// every row with filter type 0 "None": stamps are 63×63, a smarter filter buys nothing), IEND. No image library
/// is needed for the cutouts this way (none without native code restores here).
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a];

    /// <summary>Encodes 8-bit pixels, row-major, top row first.</summary>
    /// <param name="pixels">width × height × channels bytes (1 channel for grayscale, 4 for RGBA).</param>
    public static byte[] Encode(int width, int height, PngColorType colorType, ReadOnlySpan<byte> pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var channels = colorType == PngColorType.Rgba ? 4 : 1;
        var stride = width * channels;
        if (pixels.Length != stride * height)
        {
            throw new ArgumentException($"Expected {stride * height} pixel bytes for {width}×{height}×{channels}, got {pixels.Length}.", nameof(pixels));
        }

        using var png = new MemoryStream();
        png.Write(Signature);

        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = (byte)colorType;
        ihdr[10] = 0; // compression: deflate
        ihdr[11] = 0; // filter method 0
        ihdr[12] = 0; // no interlace
        WriteChunk(png, "IHDR", ihdr);

        WriteChunk(png, "IDAT", Deflate(pixels, stride, height));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] Deflate(ReadOnlySpan<byte> pixels, int stride, int height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0); // filter type None
                zlib.Write(pixels.Slice(y * stride, stride));
            }
        }
        return compressed.ToArray();
    }

    private static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);

        Span<byte> typeBytes = stackalloc byte[4];
        Encoding.ASCII.GetBytes(type, typeBytes);
        png.Write(typeBytes);
        png.Write(data);

        // The CRC covers the chunk type and data, not the length.
        var crc = Crc32.Update(Crc32.Initial, typeBytes);
        crc = Crc32.Update(crc, data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Finish(crc));
        png.Write(word);
    }

    /// <summary>CRC-32 as PNG uses it (ISO 3309 polynomial, reflected, table-driven; PNG spec annex D).</summary>
    internal static class Crc32
    {
        public const uint Initial = 0xFFFFFFFFu;

        private static readonly uint[] Table = BuildTable();

        public static uint Update(uint crc, ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                crc = Table[(crc ^ b) & 0xff] ^ (crc >> 8);
            }
            return crc;
        }

        public static uint Finish(uint crc) => crc ^ 0xFFFFFFFFu;

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }
                table[n] = c;
            }
            return table;
        }
    }
}
