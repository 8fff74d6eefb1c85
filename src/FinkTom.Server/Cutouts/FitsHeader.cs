using System.Globalization;
using System.Text;

namespace FinkTom.Server.Cutouts;

/// <summary>
/// The primary header of a FITS file: 80-character ASCII cards (<c>KEYWORD = value / comment</c>) in 2880-byte
/// blocks, up to the END card; the data start at the next block boundary (FITS standard 4.0, §3–4).
/// </summary>
internal static class FitsHeader
{
    private const int BlockSize = 2880;
    private const int CardSize = 80;

    public static (Dictionary<string, string> Header, int DataOffset) Read(byte[] fits)
    {
        if (fits.Length < BlockSize || !Encoding.ASCII.GetString(fits, 0, 9).Equals("SIMPLE  =", StringComparison.Ordinal))
        {
            throw new FitsFormatException("Not a FITS file: it must start with a 2880-byte header block whose first card is SIMPLE.");
        }
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var offset = 0; offset + CardSize <= fits.Length; offset += CardSize)
        {
            var card = Encoding.ASCII.GetString(fits, offset, CardSize);
            var keyword = card[..8].TrimEnd();
            if (keyword == "END")
            {
                // Data start at the next block boundary after the END card.
                var dataOffset = (offset / BlockSize + 1) * BlockSize;
                return (header, dataOffset);
            }
            if (card[8] == '=' && card[9] == ' ' && keyword.Length > 0)
            {
                header.TryAdd(keyword, CardValue(card));
            }
        }
        throw new FitsFormatException("FITS header has no END card.");
    }

    // The value field of a `KEYWORD = value / comment` card; a quoted string keeps its quotes (a '/' inside is not a comment).
    private static string CardValue(string card)
    {
        var field = card[10..].Trim();
        if (field.StartsWith('\''))
        {
            var close = field.IndexOf('\'', 1);
            while (close >= 0 && close + 1 < field.Length && field[close + 1] == '\'')
            {
                close = field.IndexOf('\'', close + 2);
            }
            return close < 0 ? field : field[..(close + 1)];
        }
        var slash = field.IndexOf('/');
        return (slash < 0 ? field : field[..slash]).Trim();
    }

    public static int RequiredInt(Dictionary<string, string> header, string keyword)
    {
        if (!header.TryGetValue(keyword, out var text))
        {
            throw new FitsFormatException($"FITS header has no {keyword} card.");
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new FitsFormatException($"FITS header card {keyword} = {text} is not an integer.");
        }
        return value;
    }

    public static double OptionalDouble(Dictionary<string, string> header, string keyword, double fallback)
    {
        if (!header.TryGetValue(keyword, out var text))
        {
            return fallback;
        }
        // FITS allows Fortran's D exponent (1.0D+01).
        if (!double.TryParse(text.Replace('D', 'E'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new FitsFormatException($"FITS header card {keyword} = {text} is not a number.");
        }
        return value;
    }
}
