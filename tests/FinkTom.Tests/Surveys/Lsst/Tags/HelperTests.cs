using FinkTom.Core.Surveys.Lsst.Tags;
using static FinkTom.Tests.Surveys.Lsst.Tags.RubinAlerts;

namespace FinkTom.Tests.Surveys.Lsst.Tags;

/// <summary>The helpers behind the blocks and tags: magnitudes, galactic latitude, airmass, distance modulus, the FITS
/// reader and the cutout elongation.</summary>
public sealed class HelperTests
{
    [Theory]
    [InlineData(10_000, 21.4)]
    [InlineData(1, 31.4)]
    [InlineData(3_630_780.5, 15.0)]
    [InlineData(0, double.NaN)]
    [InlineData(-1, double.NaN)]
    [InlineData(double.PositiveInfinity, double.NaN)]
    [InlineData(double.NaN, double.NaN)]
    public void Magnitudes_are_31_4_minus_2_5_log_flux_and_NaN_unless_flux_is_positive(double flux, double mag) =>
        Assert.Equal(mag, Photometry.ApparentMagnitude(flux), 6);

    [Fact]
    public void Flux_rate_of_a_magnitude_rate_is_0_921_F_per_magnitude()
    {
        Assert.Equal(10_000, Photometry.Flux(21.4), 6);
        Assert.Equal(0.3 * Math.Log(10) / 2.5 * 1_000, Photometry.FluxRate(-0.3, 1_000), 9);
    }

    [Theory]
    [InlineData(192.8594812065348, 27.12825118085622, 90)] // north galactic pole
    [InlineData(12.8594812065348, -27.12825118085622, -90)]
    [InlineData(266.4049882, -28.9361719, 0)] // the Galactic centre (l = 0, b = 0) in FK5 J2000
    public void Galactic_latitude_uses_astropy_pole(double ra, double dec, double b) =>
        Assert.Equal(b, GalacticLatitude.Degrees(ra, dec), 1e-4);

    [Theory]
    [InlineData(0.01, 33.175318)]
    [InlineData(0.05, 36.734590)]
    [InlineData(0.1, 38.315205)]
    [InlineData(0.3, 40.955460)]
    [InlineData(0.5, 42.261185)]
    [InlineData(1.0, 44.100238)]
    [InlineData(1.856, 45.758315)]
    public void Distance_modulus_matches_astropy_flat_lambda_cdm(double z, double mu) =>
        Assert.Equal(mu, Cosmology.DistanceModulus(z), 1e-6);

    [Fact]
    public void Luminosity_distance_matches_astropy_and_is_NaN_without_a_positive_redshift()
    {
        Assert.Equal(6607.657612, Cosmology.LuminosityDistanceMpc(1.0), 4);
        Assert.True(double.IsNaN(Cosmology.LuminosityDistanceMpc(0)));
        Assert.True(double.IsNaN(Cosmology.LuminosityDistanceMpc(-0.1)));
        Assert.True(double.IsNaN(Cosmology.AbsoluteMagnitude(20, double.NaN)));
        Assert.True(double.IsNaN(Cosmology.AbsoluteMagnitude(double.NaN, 0.1)));
        Assert.True(double.IsFinite(Cosmology.DistanceModulus(1e6)));
    }

    [Theory]
    // Alerts of fink-filters' test file (ra, dec, midpointMjdTai) and astropy's airmass at Gemini South (note §8.3).
    [InlineData(63.48212494674968, -46.61439698148219, 61041.22617858066, 1.3068)]
    [InlineData(149.64309045814107, 0.70035510880662, 61041.22841915843, 1.4750)]
    [InlineData(62.29163953626384, -46.26793507017458, 61041.221706115095, 1.3004)]
    [InlineData(64.42210135867901, -46.246425110409724, 61041.22617858066, 1.2938)]
    public void Airmass_matches_astropy_at_Gemini_South(double ra, double dec, double mjdTai, double airmass) =>
        Assert.Equal(airmass, Airmass.At(ra, dec, mjdTai), 1e-4); // the reference is rounded to 4 decimals

    [Fact]
    public void Airmass_is_one_at_the_zenith_and_negative_below_the_horizon()
    {
        var airmasses = Enumerable.Range(0, 36_000).Select(i => Airmass.At(i / 100.0, Airmass.SiteLatitudeDeg, 61_000)).ToList();
        // Precession since J2000 moves the apparent declination a little off the site latitude: not exactly 1.
        Assert.InRange(airmasses.Where(a => a > 0).Min(), 1, 1 + 1e-4);
        Assert.Contains(airmasses, a => a < 0);
        Assert.True(double.IsNaN(Airmass.At(double.NaN, 0, 61_000)));
    }

    [Fact]
    public void Fits_reader_gives_the_primary_image_rows_first()
    {
        var image = new float[,] { { 1, 2, 3 }, { 4, float.NaN, 6 } };
        var read = FitsPrimaryImage.Read(Fits(image, ("BUNIT", "'nJy'")))!;
        Assert.Equal(2, read.GetLength(0));
        Assert.Equal(3, read.GetLength(1));
        Assert.Equal(6, read[1, 2]);
        Assert.True(double.IsNaN(read[1, 1]));
        Assert.Equal(2 * 3 + 10, FitsPrimaryImage.Read(Fits(image, ("BSCALE", "2"), ("BZERO", "10")))![0, 2]);
    }

    [Fact]
    public void Fits_reader_takes_the_first_image_extension_after_an_empty_primary()
    {
        var extension = Fits(new float[,] { { 7, 8 } });
        extension[..80].AsSpan().Fill((byte)' ');
        "XTENSION= 'IMAGE   '"u8.CopyTo(extension);
        byte[] file = [.. Header([("SIMPLE", "T"), ("BITPIX", "8"), ("NAXIS", "0")]), .. extension];
        Assert.Equal(8, FitsPrimaryImage.Read(file)![0, 1]);
    }

    [Fact]
    public void Fits_reader_refuses_what_is_not_a_whole_2d_image()
    {
        var good = Fits(new float[,] { { 1, 2 }, { 3, 4 } });
        Assert.Null(FitsPrimaryImage.Read([]));
        Assert.Null(FitsPrimaryImage.Read(new byte[2880]));
        Assert.Null(FitsPrimaryImage.Read(good[..2880])); // header only: data truncated
        Assert.Null(FitsPrimaryImage.Read(Header([("SIMPLE", "T"), ("BITPIX", "-32"), ("NAXIS", "3"), ("NAXIS1", "2"),
            ("NAXIS2", "2"), ("NAXIS3", "1")]).Concat(new byte[2880]).ToArray()));
        Assert.Null(FitsPrimaryImage.Read(Header([("SIMPLE", "T"), ("BITPIX", "-32"), ("NAXIS", "2"), ("NAXIS1", "100000"),
            ("NAXIS2", "100000")]).Concat(new byte[2880]).ToArray()));
        Assert.Null(FitsPrimaryImage.Read(Header([("SIMPLE", "T"), ("BITPIX", "12"), ("NAXIS", "2"), ("NAXIS1", "1"),
            ("NAXIS2", "1")]).Concat(new byte[2880]).ToArray()));
    }

    [Fact]
    public void Elongation_is_the_axis_ratio_of_the_bright_pixels()
    {
        Assert.InRange(CutoutElongation.FromImage(ToDouble(Source(40, 2, 2))), 0.9, 1.15);
        Assert.InRange(CutoutElongation.FromImage(ToDouble(Source(40, 6, 1.5))), 2.5, 5);
        Assert.InRange(CutoutElongation.FromImage(ToDouble(Source(40, 1.5, 6))), 2.5, 5); // along y as well
        Assert.Equal(CutoutElongation.FromImage(ToDouble(Source(40, 6, 1.5))), CutoutElongation.FromFits(Fits(Source(40, 6, 1.5))));
    }

    [Fact]
    public void Elongation_is_NaN_for_fewer_than_5_bright_pixels_or_a_line()
    {
        var flat = new double[10, 10];
        Assert.True(double.IsNaN(CutoutElongation.FromImage(flat)));
        var four = new double[10, 10];
        (four[1, 1], four[2, 2], four[3, 3], four[4, 4]) = (100, 100, 100, 100);
        Assert.True(double.IsNaN(CutoutElongation.FromImage(four)));
        var line = new double[10, 10];
        for (var x = 0; x < 8; x++)
            line[5, x] = 100; // no width: the smaller eigenvalue is 0
        Assert.True(double.IsNaN(CutoutElongation.FromImage(line)));
        Assert.True(double.IsNaN(CutoutElongation.FromImage(new double[0, 0])));
        Assert.True(double.IsNaN(CutoutElongation.FromFits([0x1f, 0x8b, 8])));
    }

    [Fact]
    public void Elongation_reads_NaN_pixels_as_zero_and_infinities_as_the_largest_float()
    {
        var image = ToDouble(Source(30, 5, 1.5));
        image[0, 0] = double.NaN;
        image[0, 1] = double.PositiveInfinity;
        image[0, 2] = double.NegativeInfinity;
        Assert.False(double.IsInfinity(CutoutElongation.FromImage(image)));
    }

    private static double[,] ToDouble(float[,] image)
    {
        var copy = new double[image.GetLength(0), image.GetLength(1)];
        for (var y = 0; y < image.GetLength(0); y++)
            for (var x = 0; x < image.GetLength(1); x++)
                copy[y, x] = image[y, x];
        return copy;
    }
}
