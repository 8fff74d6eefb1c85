using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace FinkTom.Tests.SkyMaps;

/// <summary>Writes small HEALPix sky maps as FITS binary tables, to test layouts the one real map does not show.</summary>
public static class ToySkyMap
{
    /// <summary>An NSIDE-1 map (12 pixels) with PROB in <paramref name="type"/> (E or D), <paramref name="repeat"/> pixels a row.</summary>
    public static byte[] Write(double[] probability, string dateObs = "2023-10-17T12:00:00", string ordering = "NESTED",
        char type = 'D', int repeat = 1, bool gzip = true)
    {
        var width = type == 'D' ? 8 : 4;
        var nside = (int)Math.Sqrt(probability.Length / 12);
        var file = new MemoryStream();
        Header(file, ["SIMPLE  =                    T", "BITPIX  =                    8", "NAXIS   =                    0", "EXTEND  =                    T"]);
        Header(file,
        [
            "XTENSION= 'BINTABLE'", "BITPIX  =                    8", "NAXIS   =                    2",
            $"NAXIS1  = {width * repeat + 8,20}", $"NAXIS2  = {probability.Length / repeat,20}", "PCOUNT  =                    0",
            "GCOUNT  =                    1", "TFIELDS =                    2",
            "TTYPE1  = 'DISTMU  '", "TFORM1  = 'D       '", // a column before PROB, as in BAYESTAR's 3-D maps
            "TTYPE2  = 'PROB    '", $"TFORM2  = '{(repeat == 1 ? "" : repeat.ToString())}{type}'",
            "PIXTYPE = 'HEALPIX '", $"ORDERING= '{ordering}'", $"NSIDE   = {nside,20}", "INDXSCHM= 'IMPLICIT'",
            "OBJECT  = 'TOY     '", $"DATE-OBS= '{dateObs}'",
        ]);
        var data = new MemoryStream();
        var cell = new byte[8];
        for (var row = 0; row < probability.Length / repeat; row++)
        {
            data.Write(new byte[8]); // DISTMU
            for (var k = 0; k < repeat; k++)
            {
                var p = probability[row * repeat + k];
                if (type == 'D')
                    BinaryPrimitives.WriteDoubleBigEndian(cell, p);
                else
                    BinaryPrimitives.WriteSingleBigEndian(cell, (float)p);
                data.Write(cell, 0, width);
            }
        }
        data.Write(new byte[(2880 - data.Length % 2880) % 2880]);
        data.WriteTo(file);
        if (!gzip)
            return file.ToArray();
        var zipped = new MemoryStream();
        using (var gz = new GZipStream(zipped, CompressionLevel.Optimal, leaveOpen: true))
            file.WriteTo(gz);
        return zipped.ToArray();
    }

    private static void Header(Stream file, string[] cards)
    {
        var text = new StringBuilder();
        foreach (var card in cards.Append("END"))
            text.Append(card.PadRight(80));
        while (text.Length % 2880 != 0)
            text.Append(' ');
        file.Write(Encoding.ASCII.GetBytes(text.ToString()));
    }
}
