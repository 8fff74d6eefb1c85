using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace FinkTom.Core.Surveys.Lsst.Tags;

/// <summary>
/// The least of a FITS reader the cutout elongation needs: the first 2-D image of a plain (not gzipped) FITS file, as
/// astropy's <c>fits.getdata</c> returns it (the primary HDU, or the first image extension when the primary has no
/// data), in physical values (BZERO + BSCALE × stored; an integer BLANK becomes NaN). Rubin cutouts are big-endian
/// float32 primary images. The server's renderer has its own, fuller reader; Core cannot reference it.
/// </summary>
public static class FitsPrimaryImage
{
    private const int Block = 2880;
    private const int Card = 80;
    private const long MaxPixels = 1024 * 1024; // a cutout is ~30×30 to 100×100; refuse to allocate for absurd headers

    /// <summary>The image as rows × columns (row 0 = the first row stored), or null when the bytes hold no 2-D image
    /// this reader understands.</summary>
    public static double[,]? Read(ReadOnlySpan<byte> fits)
    {
        var offset = 0;
        for (var hdu = 0; hdu < 16 && offset + Block <= fits.Length; hdu++)
        {
            if (!TryReadHeader(fits, ref offset, out var header))
                return null;
            var bitpix = Int(header, "BITPIX");
            var naxis = Int(header, "NAXIS");
            if (bitpix is not (8 or 16 or 32 or 64 or -32 or -64) || naxis is not (>= 0 and <= 999))
                return null;
            if (naxis == 0)
                continue; // no data here (the header is all): getdata looks at the next HDU
            // getdata returns the first HDU with data; only a 2-D image gives an elongation.
            var isImage = hdu == 0 || Text(header, "XTENSION") == "IMAGE";
            return isImage && naxis == 2 ? Pixels(fits, offset, header, bitpix.Value) : null;
        }
        return null;
    }

    private static double[,]? Pixels(ReadOnlySpan<byte> fits, int offset, Dictionary<string, string> header, int bitpix)
    {
        if (Int(header, "NAXIS1") is not (> 0 and var width) || Int(header, "NAXIS2") is not (> 0 and var height) ||
            (long)width * height > MaxPixels)
            return null;
        var size = Math.Abs(bitpix) / 8;
        if ((long)width * height * size > fits.Length - offset)
            return null; // truncated
        var bzero = Number(header, "BZERO") ?? 0;
        var bscale = Number(header, "BSCALE") ?? 1;
        var blank = bitpix > 0 ? Int(header, "BLANK") : null;
        var image = new double[height, width];
        for (var row = 0; row < height; row++)
            for (var column = 0; column < width; column++)
            {
                var at = fits.Slice(offset + (row * width + column) * size, size);
                double stored = bitpix switch
                {
                    -32 => BinaryPrimitives.ReadSingleBigEndian(at),
                    -64 => BinaryPrimitives.ReadDoubleBigEndian(at),
                    8 => at[0],
                    16 => BinaryPrimitives.ReadInt16BigEndian(at),
                    32 => BinaryPrimitives.ReadInt32BigEndian(at),
                    _ => BinaryPrimitives.ReadInt64BigEndian(at),
                };
                image[row, column] = blank is { } b && stored == b ? double.NaN : bzero + bscale * stored;
            }
        return image;
    }

    private static bool TryReadHeader(ReadOnlySpan<byte> fits, ref int offset, out Dictionary<string, string> header)
    {
        header = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var at = offset; at + Card <= fits.Length; at += Card)
        {
            var card = Encoding.ASCII.GetString(fits.Slice(at, Card));
            var keyword = card[..8].TrimEnd();
            if (keyword == "END")
            {
                offset = (at / Block + 1) * Block;
                return true;
            }
            if (card[8] == '=' && keyword.Length > 0)
                header.TryAdd(keyword, Value(card[10..]));
        }
        return false;
    }

    // A card's value: a quoted string without its quotes, or the text before a comment.
    private static string Value(string field)
    {
        field = field.Trim();
        if (field.StartsWith('\''))
        {
            var close = field.IndexOf('\'', 1);
            return (close < 0 ? field[1..] : field[1..close]).TrimEnd();
        }
        var slash = field.IndexOf('/');
        return (slash < 0 ? field : field[..slash]).Trim();
    }

    private static string? Text(Dictionary<string, string> header, string keyword) => header.GetValueOrDefault(keyword);

    private static int? Int(Dictionary<string, string> header, string keyword) =>
        header.TryGetValue(keyword, out var text) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static double? Number(Dictionary<string, string> header, string keyword) =>
        header.TryGetValue(keyword, out var text) &&
        double.TryParse(text.Replace('D', 'E'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
