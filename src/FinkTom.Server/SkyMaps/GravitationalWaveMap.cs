using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using FinkTom.Core.Sky;
using FinkTom.Core.Time;

namespace FinkTom.Server.SkyMaps;

/// <summary>
/// A gravitational-wave localisation as LIGO/Virgo/KAGRA publish it (BAYESTAR, <c>bayestar.fits.gz</c>): a FITS binary
/// table of HEALPix pixels in NESTED order whose <c>PROB</c> column is the probability per pixel, with the event time in
/// <c>DATE-OBS</c>. Read as a stream: only <c>PROB</c> is kept in memory (8 bytes a pixel).
/// </summary>
public sealed class GravitationalWaveMap
{
    /// <summary>Finest map read: 12.6 million pixels, 100 MB of probabilities. Fink's own cut is at nside 128.</summary>
    public const int MaxNside = 1024;

    /// <summary>The resolution at which Fink compares alerts with the credible region (contract §2.13).</summary>
    public const int RegionNside = 128;

    private const int Block = 2880;

    /// <summary>Longest table row read: BAYESTAR writes 32 bytes a row, older maps 1,024 pixels (8 kB) a row.</summary>
    private const long MaxRowBytes = 1 << 20;

    private GravitationalWaveMap(int nside, double[] probability, double eventJd, string? name)
    {
        Nside = nside;
        Probability = probability;
        EventJd = eventJd;
        Name = name;
    }

    public int Nside { get; }

    /// <summary>Probability per pixel, NESTED order.</summary>
    public double[] Probability { get; }

    /// <summary>Time of the event (<c>DATE-OBS</c>, else <c>MJD-OBS</c>), as a JD.</summary>
    public double EventJd { get; }

    /// <summary><c>OBJECT</c>: the event's identifier, when the file says it.</summary>
    public string? Name { get; }

    /// <summary>Reads a (gzipped or plain) FITS sky map; a <see cref="FormatException"/> says what is wrong with it.</summary>
    public static GravitationalWaveMap Read(byte[] file)
    {
        Stream stream = new MemoryStream(file, writable: false);
        if (file is [0x1f, 0x8b, ..])
            stream = new BufferedStream(new GZipStream(stream, CompressionMode.Decompress), 1 << 16);
        using (stream)
        {
            var primary = ReadHeader(stream, "primary");
            if (primary.Get("SIMPLE") != "T")
                throw new FormatException("it is not a FITS file (no SIMPLE = T in the first header).");
            Skip(stream, DataBytes(primary));
            var table = ReadHeader(stream, "extension");
            if (table.Get("XTENSION")?.Trim() != "BINTABLE")
                throw new FormatException("its first extension is not a binary table (BINTABLE) of HEALPix pixels.");
            return FromTable(stream, primary, table);
        }
    }

    private static GravitationalWaveMap FromTable(Stream stream, FitsHeader primary, FitsHeader table)
    {
        if (table.Get("ORDERING")?.Trim() is { } ordering && ordering != "NESTED")
            throw new FormatException($"its pixels are in {ordering} order; FinkTom reads NESTED sky maps, as BAYESTAR writes them (flatten a multi-order map first).");
        if (table.Get("INDXSCHM")?.Trim() is "EXPLICIT")
            throw new FormatException("it lists pixels explicitly (INDXSCHM = EXPLICIT); FinkTom reads complete (implicit) maps.");
        var nside = table.Long("NSIDE") ?? throw new FormatException("NSIDE is missing.");
        if (!Healpix.IsValidNside(nside) || nside > MaxNside)
            throw new FormatException($"NSIDE = {nside}: FinkTom reads maps with a power-of-two NSIDE up to {MaxNside}.");
        var rowBytes = table.Long("NAXIS1") ?? 0;
        var rows = table.Long("NAXIS2") ?? 0;
        var (offset, repeat, type) = ProbColumn(table);
        var pixels = Healpix.PixelCount((int)nside);
        // Divided, not multiplied: NAXIS2 × repeat can wrap round to the pixel count, and the rows then overrun the map.
        if (repeat < 1 || pixels % repeat != 0 || rows != pixels / repeat)
            throw new FormatException($"it holds {rows} rows of {repeat} pixels, not the {pixels} pixels of NSIDE = {nside}.");
        var width = type == 'D' ? 8 : 4;
        if (offset + repeat * width > rowBytes)
            throw new FormatException("its PROB column does not fit in its rows (NAXIS1).");
        if (rowBytes > MaxRowBytes) // a row is read whole: NAXIS1 must not decide how much memory is taken
            throw new FormatException($"its rows are {rowBytes:N0} bytes long (NAXIS1); FinkTom reads rows of at most {MaxRowBytes:N0} bytes.");

        var probability = new double[pixels];
        var row = new byte[rowBytes];
        long pixel = 0;
        for (long r = 0; r < rows; r++)
        {
            ReadExactly(stream, row, "the table ends early");
            for (var k = 0; k < repeat; k++)
            {
                var at = (int)(offset + k * width);
                probability[pixel++] = type == 'D'
                    ? BinaryPrimitives.ReadDoubleBigEndian(row.AsSpan(at))
                    : BinaryPrimitives.ReadSingleBigEndian(row.AsSpan(at));
            }
        }
        return new GravitationalWaveMap((int)nside, probability, EventTime(primary, table), (table.Get("OBJECT") ?? primary.Get("OBJECT"))?.Trim());
    }

    /// <summary>
    /// The credible region at <paramref name="level"/>: pixels taken from the most probable down until their summed
    /// probability reaches the level (each pixel's "credible level" is that running sum). As Fink does, the levels are
    /// then averaged onto nside 128 pixels, and an alert is inside when its nside-128 pixel's level is ≤ the threshold.
    /// </summary>
    public Func<double, double, bool> CredibleRegion(double level)
    {
        var (nside, inside) = RegionPixels(level);
        return (ra, dec) => inside[Healpix.PixelNested(nside, ra, dec)];
    }

    /// <summary>The region as flags per NESTED pixel, at nside 128 (or the map's own, when coarser).</summary>
    internal (int Nside, bool[] Inside) RegionPixels(double level)
    {
        var levels = CredibleLevels();
        if (Nside <= RegionNside)
            return (Nside, levels.Select(l => l <= level).ToArray());
        var children = (Nside / RegionNside) * (Nside / RegionNside); // NESTED: a coarse pixel's children are consecutive
        var inside = new bool[Healpix.PixelCount(RegionNside)];
        for (var p = 0; p < inside.Length; p++)
        {
            double sum = 0;
            for (var c = 0; c < children; c++)
                sum += levels[p * children + c];
            inside[p] = sum / children <= level;
        }
        return (RegionNside, inside);
    }

    private double[] CredibleLevels()
    {
        var order = new int[Probability.Length];
        var keys = new double[Probability.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            keys[i] = -Probability[i]; // most probable first
        }
        Array.Sort(keys, order);
        var levels = new double[Probability.Length];
        double running = 0;
        foreach (var pixel in order)
        {
            running += Probability[pixel];
            levels[pixel] = running;
        }
        return levels;
    }

    private static double EventTime(FitsHeader primary, FitsHeader table)
    {
        var date = (table.Get("DATE-OBS") ?? primary.Get("DATE-OBS"))?.Trim();
        if (date is not null && JulianDate.TryParseIso(date, out var jd))
            return jd;
        if ((table.Double("MJD-OBS") ?? primary.Double("MJD-OBS")) is { } mjd)
            return mjd + JulianDate.MjdOffset;
        throw new FormatException("it gives no event time (DATE-OBS or MJD-OBS).");
    }

    /// <summary>Offset in a row, repeat count and type (E or D) of the PROB column.</summary>
    private static (long Offset, long Repeat, char Type) ProbColumn(FitsHeader table)
    {
        var fields = table.Long("TFIELDS") ?? 0;
        long offset = 0;
        for (var i = 1; i <= fields; i++)
        {
            var form = table.Get($"TFORM{i}")?.Trim() ?? throw new FormatException($"TFORM{i} is missing.");
            var digits = form.TakeWhile(char.IsAsciiDigit).Count();
            long repeat = 1;
            if (digits > 0 && (!long.TryParse(form[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out repeat) || repeat > int.MaxValue))
                throw new FormatException($"TFORM{i} = '{form}' repeats its type more than FITS allows.");
            var type = digits < form.Length ? form[digits] : throw new FormatException($"TFORM{i} = '{form}' has no type.");
            if (table.Get($"TTYPE{i}")?.Trim().Equals("PROB", StringComparison.OrdinalIgnoreCase) == true)
                return type is 'D' or 'E' ? (offset, repeat, type) : throw new FormatException($"its PROB column has type {type}, not E or D.");
            offset += type switch
            {
                'L' or 'B' or 'A' => repeat,
                'X' => (repeat + 7) / 8,
                'I' => 2 * repeat,
                'J' or 'E' => 4 * repeat,
                'K' or 'D' or 'C' or 'P' => 8 * repeat,
                'M' or 'Q' => 16 * repeat,
                _ => throw new FormatException($"TFORM{i} = '{form}' is not a FITS column type."),
            };
        }
        throw new FormatException("it has no PROB column (the probability per pixel).");
    }

    private static long DataBytes(FitsHeader header)
    {
        var axes = header.Long("NAXIS") ?? 0;
        if (axes == 0)
            return 0;
        if (axes is < 0 or > 999) // the FITS limit; NAXIS = 4294967295 looped for minutes over axes that are not there
            throw new FormatException($"NAXIS = {axes} in the primary header: FITS allows 0 to 999 axes.");
        var bitpix = header.Long("BITPIX") ?? 8;
        if (bitpix is not (8 or 16 or 32 or 64 or -32 or -64)) // Math.Abs(long.MinValue) overflowed
            throw new FormatException($"BITPIX = {bitpix} in the primary header is not a FITS data type.");
        var bytes = Math.Abs(bitpix) / 8;
        for (var i = 1; i <= axes; i++)
            bytes *= header.Long($"NAXIS{i}") ?? 0;
        return (bytes + Block - 1) / Block * Block;
    }

    private static FitsHeader ReadHeader(Stream stream, string which)
    {
        var cards = new Dictionary<string, string>(StringComparer.Ordinal);
        var block = new byte[Block];
        for (var blocks = 0; blocks < 1000; blocks++)
        {
            ReadExactly(stream, block, $"the {which} header ends early");
            for (var at = 0; at < Block; at += 80)
            {
                var card = Encoding.ASCII.GetString(block, at, 80);
                var key = card[..8].TrimEnd();
                if (key == "END")
                    return new FitsHeader(cards);
                if (card.Length > 10 && card[8] == '=')
                    cards.TryAdd(key, Value(card[10..]));
            }
        }
        throw new FormatException($"the {which} header has no END.");
    }

    // A card's value: a quoted string (with '' for a quote), or what precedes the "/" comment.
    private static string Value(string text)
    {
        text = text.TrimStart();
        if (text.StartsWith('\''))
        {
            var value = new StringBuilder();
            for (var i = 1; i < text.Length; i++)
            {
                if (text[i] == '\'' && (i + 1 >= text.Length || text[i + 1] != '\''))
                    break;
                if (text[i] == '\'')
                    i++;
                value.Append(text[i]);
            }
            return value.ToString();
        }
        var slash = text.IndexOf('/');
        return (slash >= 0 ? text[..slash] : text).Trim();
    }

    private static void Skip(Stream stream, long bytes)
    {
        var buffer = new byte[Block];
        while (bytes > 0)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, bytes));
            if (read == 0)
                throw new FormatException("the primary data ends early.");
            bytes -= read;
        }
    }

    private static void ReadExactly(Stream stream, byte[] buffer, string reason)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw new FormatException($"{reason} ({e.Message}).");
        }
    }

    private sealed class FitsHeader(Dictionary<string, string> cards)
    {
        public string? Get(string key) => cards.GetValueOrDefault(key);

        public long? Long(string key) =>
            long.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

        public double? Double(string key) =>
            double.TryParse(Get(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
