using System.Text;
using FinkTom.Core.Sky;
using FinkTom.Core.Time;
using FinkTom.Server.SkyMaps;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.SkyMaps;

/// <summary>The real BAYESTAR map of S200219ac (samples/skymaps) read and cut into credible regions.</summary>
public sealed class GravitationalWaveMapTests
{
    public static readonly string MapPath = TestPaths.Sample("skymaps/S200219ac_bayestar.fits.gz");

    private static readonly Lazy<GravitationalWaveMap> Map = new(() => GravitationalWaveMap.Read(File.ReadAllBytes(MapPath)));

    [Fact]
    public void Reads_the_event_time_resolution_and_probabilities()
    {
        var map = Map.Value;

        Assert.Equal(512, map.Nside);
        Assert.Equal(Healpix.PixelCount(512), map.Probability.Length);
        Assert.Equal(1.0, map.Probability.Sum(), 6);
        Assert.Equal("G364600", map.Name);
        Assert.Equal(JulianDate.FromDateTime(new DateTime(2020, 2, 19, 9, 44, 15, 197, DateTimeKind.Utc)), map.EventJd, 1e-6);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void A_credible_region_holds_about_its_level_of_probability(double level)
    {
        var map = Map.Value;
        var (nside, inside) = map.RegionPixels(level);
        var children = map.Nside / nside * (map.Nside / nside);

        var held = map.Probability.Where((_, pixel) => inside[pixel / children]).Sum();

        // Averaging the levels onto nside 128 blurs the edge a little, as in Fink.
        Assert.InRange(held, level - 0.05, level + 0.05);
    }

    [Fact]
    public void Wider_levels_give_wider_regions_that_contain_the_narrower_ones()
    {
        var (_, narrow) = Map.Value.RegionPixels(0.5);
        var (_, wide) = Map.Value.RegionPixels(0.9);

        Assert.True(narrow.Count(x => x) < wide.Count(x => x));
        Assert.All(Enumerable.Range(0, narrow.Length).Where(p => narrow[p]), p => Assert.True(wide[p]));
    }

    [Fact]
    public void Python_bytes_notation_is_read_without_evaluating_it()
    {
        Assert.True(PythonBytesLiteral.TryParse("""b'\x1f\x8b\x08\x00ab\'"\\\n\t'""", out var bytes, out _));
        Assert.Equal(new byte[] { 0x1f, 0x8b, 0x08, 0x00, (byte)'a', (byte)'b', (byte)'\'', (byte)'"', (byte)'\\', 10, 9 }, bytes);
        Assert.True(PythonBytesLiteral.TryParse("b\"it's\"", out bytes, out _));
        Assert.Equal("it's", Encoding.ASCII.GetString(bytes));
    }

    [Theory]
    [InlineData("'abc'", "b'")]
    [InlineData("b'\\q'", "escape")]
    [InlineData("b'\\x1'", "escape")]
    [InlineData("b'é'", "U+00E9")]
    [InlineData("__import__('os')", "b'")]
    public void Anything_else_is_refused_with_the_reason(string text, string reason)
    {
        Assert.False(PythonBytesLiteral.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, "header ends early")]
    [InlineData(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0 }, "ends early")]
    public void A_file_that_is_no_sky_map_is_a_format_error(byte[] file, string reason)
    {
        Assert.Contains(reason, Assert.Throws<FormatException>(() => GravitationalWaveMap.Read(file)).Message);
    }

    [Theory]
    // Found by the fuzz suite: an overflow, a 1 GB row buffer, a long.Parse overflow, minutes of looping over axes.
    [InlineData("NAXIS1", "2147483648", "NAXIS1")]
    [InlineData("NAXIS1", "1000000000", "NAXIS1")]
    [InlineData("TFORM2", "'99999999999999999999D'", "TFORM2")]
    [InlineData("NAXIS", "4294967295", "NAXIS")]
    public void Impossible_sizes_in_the_header_are_format_errors_found_at_once(string keyword, string value, string reason)
    {
        var file = Fuzz.FitsCards.Apply(ToySkyMap.Write([.. Enumerable.Repeat(1.0 / 12, 12)], gzip: false), [new Fuzz.CardEdit(keyword, value)]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.Throws<FormatException>(() => GravitationalWaveMap.Read(file));

        Assert.Contains(reason, error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
    }

    [Fact]
    public void A_primary_bitpix_that_is_no_fits_type_is_a_format_error()
    {
        // Found by the fuzz suite: with data in the primary HDU, Math.Abs(BITPIX = long.MinValue) overflowed.
        var file = Fuzz.FitsCards.Apply(ToySkyMap.Write([.. Enumerable.Repeat(1.0 / 12, 12)], gzip: false),
            [new("NAXIS", "1"), new("BITPIX", "-9223372036854775808")]);

        Assert.Contains("BITPIX", Assert.Throws<FormatException>(() => GravitationalWaveMap.Read(file)).Message);
    }

    [Fact]
    public void Rows_times_pixels_a_row_that_wraps_round_to_the_pixel_count_is_a_format_error()
    {
        // Seen while fixing the fuzz suite's NAXIS1 finding: (2^62 + 3) rows × 4 pixels wraps to 12, and the rows overran the 12 pixels.
        var file = Fuzz.FitsCards.Apply(ToySkyMap.Write([.. Enumerable.Repeat(1.0 / 12, 12)], gzip: false),
            [new("NAXIS2", "4611686018427387907"), new("TFORM2", "'4D'"), new("NAXIS1", "40")]);

        Assert.Contains("rows", Assert.Throws<FormatException>(() => GravitationalWaveMap.Read(file)).Message);
    }

    [Theory]
    [InlineData('D', 1, true)]
    [InlineData('E', 4, false)]
    public void Single_or_double_precision_several_pixels_a_row_gzipped_or_not(char type, int repeat, bool gzip)
    {
        double[] probability = [0.5, 0.25, 0.125, 0.0625, 0.0625, 0, 0, 0, 0, 0, 0, 0];

        var map = GravitationalWaveMap.Read(ToySkyMap.Write(probability, type: type, repeat: repeat, gzip: gzip));

        Assert.Equal(1, map.Nside);
        Assert.Equal(probability, map.Probability);
        Assert.Equal("TOY", map.Name);
        // Levels: pixel 0 alone holds 0.5, then 0.75, 0.875...: the 0.8 region is pixels 0 and 1.
        Assert.Equal([true, true, false, false, false, false, false, false, false, false, false, false], map.RegionPixels(0.8).Inside);
    }

    [Fact]
    public void Ring_ordered_maps_are_refused_with_what_to_do()
    {
        var file = ToySkyMap.Write([1.0 / 12, 1.0 / 12, 1.0 / 12, 1.0 / 12, 1.0 / 12, 1.0 / 12, 1.0 / 12, 1.0 / 12, 1.0 / 12, 1.0 / 12, 1.0 / 12, 1.0 / 12], ordering: "RING");

        Assert.Contains("NESTED", Assert.Throws<FormatException>(() => GravitationalWaveMap.Read(file)).Message);
    }

    /// <summary>Python's str(bytes): printable ASCII as is, the usual escapes, \xNN otherwise.</summary>
    public static string PythonLiteral(byte[] bytes)
    {
        var text = new StringBuilder("b'", bytes.Length * 3);
        foreach (var b in bytes)
            text.Append(b switch
            {
                (byte)'\\' => "\\\\",
                (byte)'\'' => "\\'",
                9 => "\\t",
                10 => "\\n",
                13 => "\\r",
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => $"\\x{b:x2}",
            });
        return text.Append('\'').ToString();
    }
}
