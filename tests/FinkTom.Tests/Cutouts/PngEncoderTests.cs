using FinkTom.Server.Cutouts;

namespace FinkTom.Tests.Cutouts;

public class PngEncoderTests
{
    [Fact]
    public void Round_trips_grayscale_and_rgba_pixels()
    {
        byte[] grey = [0, 64, 128, 255, 1, 2];
        var decoded = DecodedPng.Read(PngEncoder.Encode(3, 2, PngColorType.Grayscale, grey));
        Assert.Equal((3, 2, (byte)0), (decoded.Width, decoded.Height, decoded.ColorType));
        Assert.Equal(grey, decoded.Pixels);

        var rgba = Enumerable.Range(0, 2 * 2 * 4).Select(i => (byte)(i * 13)).ToArray();
        decoded = DecodedPng.Read(PngEncoder.Encode(2, 2, PngColorType.Rgba, rgba));
        Assert.Equal((2, 2, (byte)6), (decoded.Width, decoded.Height, decoded.ColorType));
        Assert.Equal(rgba, decoded.Pixels);
    }

    [Fact]
    public void Ends_with_the_well_known_iend_chunk()
    {
        var png = PngEncoder.Encode(1, 1, PngColorType.Grayscale, [7]);
        // Length 0, "IEND", CRC-32 AE 42 60 82: the same bytes in every PNG file.
        Assert.Equal(Convert.FromHexString("0000000049454E44AE426082"), png[^12..]);
    }

    [Fact]
    public void Refuses_a_pixel_buffer_of_the_wrong_size()
    {
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(2, 2, PngColorType.Rgba, new byte[4]));
    }
}
