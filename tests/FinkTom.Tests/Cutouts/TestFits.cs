using System.Text;

namespace FinkTom.Tests.Cutouts;

/// <summary>Builds small FITS files for the tests.</summary>
internal static class TestFits
{
    public static byte[] Build(int width, int height, int bitpix, byte[] data, params string[] extraCards)
    {
        string[] cards =
        [
            Card("SIMPLE", "T"),
            Card("BITPIX", bitpix.ToString()),
            Card("NAXIS", "2"),
            Card("NAXIS1", width.ToString()),
            Card("NAXIS2", height.ToString()),
            .. extraCards.Select(c => c.PadRight(80)),
            "END".PadRight(80),
        ];
        var header = string.Concat(cards);
        header = header.PadRight((header.Length + 2879) / 2880 * 2880);
        var paddedData = new byte[(data.Length + 2879) / 2880 * 2880];
        data.CopyTo(paddedData, 0);
        return [.. Encoding.ASCII.GetBytes(header), .. paddedData];
    }

    /// <summary>Rewrites the value of an existing header card.</summary>
    public static void SetCard(byte[] fits, string keyword, string value)
    {
        for (var at = 0; at < 2880; at += 80)
        {
            if (Encoding.ASCII.GetString(fits, at, 8) == keyword.PadRight(8))
            {
                Encoding.ASCII.GetBytes(Card(keyword, value)).CopyTo(fits, at);
                return;
            }
        }
        throw new InvalidOperationException($"No {keyword} card.");
    }

    // Fixed format: keyword in columns 1-8, "= " in 9-10, value right-justified to column 30.
    private static string Card(string keyword, string value) => $"{keyword,-8}= {value,20}".PadRight(80);
}
