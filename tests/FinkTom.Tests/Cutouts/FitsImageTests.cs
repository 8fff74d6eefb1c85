using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using FinkTom.Server.Cutouts;

namespace FinkTom.Tests.Cutouts;

public class FitsImageTests
{
    [Fact]
    public void Reads_a_real_gzipped_ztf_stamp()
    {
        var stamp = SampleStamps.Science;
        Assert.Equal([0x1f, 0x8b], stamp[..2]);

        var image = FitsImage.Read(stamp);

        Assert.Equal(63, image.Width);
        Assert.Equal(63, image.Height);
        Assert.Equal(63 * 63, image.Pixels.Length);
        Assert.All(image.Pixels, p => Assert.True(float.IsFinite(p)));
        Assert.True(image.Pixels.Distinct().Count() > 1000, "a sky image, not a constant");
        Assert.Equal("-32", image.Header["BITPIX"]);
    }

    [Fact]
    public void Exposes_the_decompressed_fits_and_reads_it_again_as_plain_fits()
    {
        var image = FitsImage.Read(SampleStamps.Science);

        Assert.StartsWith("SIMPLE  =", Encoding.ASCII.GetString(image.FitsBytes, 0, 80));
        Assert.Equal(0, image.FitsBytes.Length % 2880);
        Assert.Same(image.FitsBytes, FitsImage.Decompress(image.FitsBytes));
        Assert.Equal(image.Pixels, FitsImage.Read(image.FitsBytes).Pixels);
    }

    [Fact]
    public void Reads_all_three_stamps()
    {
        foreach (var stamp in new[] { SampleStamps.Science, SampleStamps.Template, SampleStamps.Difference })
        {
            var image = FitsImage.Read(stamp);
            Assert.Equal((63, 63), (image.Width, image.Height));
        }
    }

    [Fact]
    public void Applies_bzero_bscale_and_blank_to_integer_images()
    {
        // 3×2 image, BITPIX 16: physical = 32768 + 2 × stored; stored -1 is BLANK.
        short[] stored = [-32768, 0, 1, -1, 100, 32767];
        var fits = TestFits.Build(3, 2, 16, stored.SelectMany(v => BigEndian16(v)).ToArray(),
            "BZERO   =                32768", "BSCALE  =                  2.0", "BLANK   =                   -1");

        var image = FitsImage.Read(fits);

        Assert.Equal((3, 2), (image.Width, image.Height));
        Assert.Equal(new[] { -32768f, 32768, 32770 }, image.Pixels[..3]);
        Assert.True(float.IsNaN(image[1, 0]));
        Assert.Equal(32968f, image[1, 1]);
        Assert.Equal(98302f, image[1, 2]);
    }

    [Fact]
    public void Reads_double_images_row_major_from_the_first_fits_row()
    {
        double[] values = [1.25, -2.5, double.NaN, 4e10];
        var data = values.SelectMany(v => { var b = new byte[8]; BinaryPrimitives.WriteDoubleBigEndian(b, v); return b; }).ToArray();

        var image = FitsImage.Read(Gzip(TestFits.Build(2, 2, -64, data)));

        Assert.Equal(1.25f, image[0, 0]);
        Assert.Equal(-2.5f, image[0, 1]);
        Assert.True(float.IsNaN(image[1, 0]));
        Assert.Equal(4e10f, image[1, 1]);
    }

    [Fact]
    public void Random_bytes_are_not_fits()
    {
        var error = Assert.Throws<FitsFormatException>(() => FitsImage.Read(Encoding.ASCII.GetBytes("this is not a FITS file")));
        Assert.Contains("Not a FITS file", error.Message);
    }

    [Fact]
    public void A_corrupt_gzip_stream_is_reported_as_such()
    {
        // A valid gzip header, then a deflate block of the reserved type 3.
        byte[] corrupt = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff];
        var error = Assert.Throws<FitsFormatException>(() => FitsImage.Read(corrupt));
        Assert.Contains("gzip", error.Message);
    }

    [Fact]
    public void Truncated_data_are_reported()
    {
        var fits = FitsImage.Read(SampleStamps.Science).FitsBytes;
        var error = Assert.Throws<FitsFormatException>(() => FitsImage.Read(fits[..(2880 * 2)]));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Cubes_and_unsupported_bitpix_are_reported()
    {
        var cube = TestFits.Build(1, 1, 8, [0], "NAXIS3  =                    1");
        TestFits.SetCard(cube, "NAXIS", "3");
        Assert.Contains("NAXIS = 3", Assert.Throws<FitsFormatException>(() => FitsImage.Read(cube)).Message);

        var bitpix = TestFits.Build(1, 1, 8, [0]);
        TestFits.SetCard(bitpix, "BITPIX", "12");
        Assert.Contains("BITPIX 12", Assert.Throws<FitsFormatException>(() => FitsImage.Read(bitpix)).Message);
    }

    [Fact]
    public void A_header_without_end_is_reported()
    {
        var fits = TestFits.Build(1, 1, 8, [0]);
        var header = Encoding.ASCII.GetString(fits, 0, 2880).Replace("END" + new string(' ', 77), new string(' ', 80));
        Encoding.ASCII.GetBytes(header).CopyTo(fits, 0);
        Assert.Contains("END", Assert.Throws<FitsFormatException>(() => FitsImage.Read(fits[..2880])).Message);
    }

    private static byte[] BigEndian16(short value)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(b, value);
        return b;
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }
}
