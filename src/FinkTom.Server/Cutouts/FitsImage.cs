using System.Buffers.Binary;
using System.IO.Compression;

namespace FinkTom.Server.Cutouts;

/// <summary>
/// A 2-D FITS image read from a ZTF cutout stamp: the primary HDU of a FITS file, gzip-compressed as alerts deliver
/// it (plain FITS is accepted too). Supports BITPIX 8, 16, 32, -32, -64 with BZERO/BSCALE (and BLANK → NaN for
/// integer images). Pixels are kept in file order: row 0 is the first row stored (FITS y = 1), as numpy reads
/// it and as Fink serves and renders it.
/// </summary>
public sealed class FitsImage
{
    // A 63×63 stamp is ~20 kB; refuse to inflate anything absurd (a stamp is data we did not write).
    private const int MaxFitsBytes = 64 * 1024 * 1024;

    private FitsImage(byte[] fitsBytes, IReadOnlyDictionary<string, string> header, int width, int height, float[] pixels)
    {
        FitsBytes = fitsBytes;
        Header = header;
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>The FITS file, decompressed: what <c>/cutouts?output-format=FITS</c> returns (contract §2.6).</summary>
    public byte[] FitsBytes { get; }

    /// <summary>Primary header values by keyword (first occurrence), as written: strings keep their quotes.</summary>
    public IReadOnlyDictionary<string, string> Header { get; }

    /// <summary>NAXIS1: pixels per row.</summary>
    public int Width { get; }

    /// <summary>NAXIS2: number of rows.</summary>
    public int Height { get; }

    /// <summary>Physical values (BZERO + BSCALE × stored), row-major, <see cref="Width"/> × <see cref="Height"/>.</summary>
    public float[] Pixels { get; }

    public float this[int row, int column] => Pixels[row * Width + column];

    /// <summary>Reads a stamp: gzip-compressed (magic <c>1f 8b</c>) or plain FITS.</summary>
    /// <exception cref="FitsFormatException">The bytes are not a supported FITS image.</exception>
    public static FitsImage Read(byte[] stamp)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        var fits = Decompress(stamp);
        var (header, dataOffset) = FitsHeader.Read(fits);
        var (width, height, bitpix) = ReadLayout(header);
        var pixels = ReadPixels(fits, dataOffset, width, height, bitpix, header);
        return new FitsImage(fits, header, width, height, pixels);
    }

    /// <summary>The FITS bytes of a stamp: inflated when gzip-compressed, the input itself otherwise.</summary>
    /// <exception cref="FitsFormatException">The gzip stream is corrupt or inflates to more than 64 MiB.</exception>
    public static byte[] Decompress(byte[] stamp)
    {
        if (stamp.Length < 2 || stamp[0] != 0x1f || stamp[1] != 0x8b)
        {
            return stamp;
        }
        try
        {
            using var gzip = new GZipStream(new MemoryStream(stamp), CompressionMode.Decompress);
            using var fits = new MemoryStream(stamp.Length * 4);
            var buffer = new byte[81920];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (fits.Length + read > MaxFitsBytes)
                {
                    throw new FitsFormatException($"The gzip-compressed stamp inflates to more than {MaxFitsBytes} bytes.");
                }
                fits.Write(buffer, 0, read);
            }
            return fits.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new FitsFormatException("The stamp starts with the gzip magic but is not a valid gzip stream.", e);
        }
    }

    private static (int Width, int Height, int Bitpix) ReadLayout(Dictionary<string, string> header)
    {
        var bitpix = FitsHeader.RequiredInt(header, "BITPIX");
        if (bitpix is not (8 or 16 or 32 or -32 or -64))
        {
            throw new FitsFormatException($"Unsupported BITPIX {bitpix}: expected 8, 16, 32, -32 or -64.");
        }
        var naxis = FitsHeader.RequiredInt(header, "NAXIS");
        if (naxis != 2)
        {
            throw new FitsFormatException($"Expected a 2-D image (NAXIS = 2), found NAXIS = {naxis}.");
        }
        var width = FitsHeader.RequiredInt(header, "NAXIS1");
        var height = FitsHeader.RequiredInt(header, "NAXIS2");
        if (width <= 0 || height <= 0 || (long)width * height > MaxFitsBytes)
        {
            throw new FitsFormatException($"Unsupported image size NAXIS1 = {width}, NAXIS2 = {height}.");
        }
        return (width, height, bitpix);
    }

    private static float[] ReadPixels(byte[] fits, int offset, int width, int height, int bitpix,
        Dictionary<string, string> header)
    {
        var bytesPerPixel = Math.Abs(bitpix) / 8;
        var count = width * height;
        if (offset + (long)count * bytesPerPixel > fits.Length)
        {
            throw new FitsFormatException(
                $"FITS data are truncated: {width}×{height} pixels of BITPIX {bitpix} need {(long)count * bytesPerPixel} bytes " +
                $"after the header, the file has {Math.Max(0, fits.Length - offset)}.");
        }
        var bzero = FitsHeader.OptionalDouble(header, "BZERO", 0);
        var bscale = FitsHeader.OptionalDouble(header, "BSCALE", 1);
        long? blank = bitpix > 0 && header.ContainsKey("BLANK") ? FitsHeader.RequiredInt(header, "BLANK") : null;

        var data = fits.AsSpan(offset, count * bytesPerPixel);
        var pixels = new float[count];
        for (var i = 0; i < count; i++)
        {
            var at = data.Slice(i * bytesPerPixel, bytesPerPixel);
            double stored;
            long raw;
            switch (bitpix)
            {
                case -32: stored = BinaryPrimitives.ReadSingleBigEndian(at); break;
                case -64: stored = BinaryPrimitives.ReadDoubleBigEndian(at); break;
                default:
                    raw = bitpix switch
                    {
                        8 => at[0],
                        16 => BinaryPrimitives.ReadInt16BigEndian(at),
                        _ => BinaryPrimitives.ReadInt32BigEndian(at),
                    };
                    if (raw == blank)
                    {
                        pixels[i] = float.NaN;
                        continue;
                    }
                    stored = raw;
                    break;
            }
            pixels[i] = (float)(bzero + bscale * stored);
        }
        return pixels;
    }
}
