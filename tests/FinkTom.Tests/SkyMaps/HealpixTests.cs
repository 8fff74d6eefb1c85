using FinkTom.Core.Sky;

namespace FinkTom.Tests.SkyMaps;

public sealed class HealpixTests
{
    /// <summary>
    /// Reference pixels computed independently with the npm package @hscmap/healpix 1.4.12 (ang2pix_nest with
    /// theta = 90° − dec, phi = ra): the poles, RA near 0/360, the polar-cap boundary |dec| = 41.81°, and random directions.
    /// (Pixel corners such as RA 0, Dec 0 are left out: there the two implementations round a shared vertex differently.)
    /// </summary>
    public static TheoryData<double, double, long, long, long> Reference => new()
    {
        { 359.9999, 0, 4, 75093, 4805973 },
        { 45, 60, 0, 13119, 839631 },
        { 45, -60, 8, 134336, 8597552 },
        { 0, 90, 0, 16383, 1048575 },
        { 0, -90, 8, 131072, 8388608 },
        { 10, 41.8103148957786, 0, 10838, 693673 },
        { 200, -41.81, 10, 174426, 11163301 },
        { 123.4, 89.99, 1, 32767, 2097151 },
        { 300, -89.99, 11, 180224, 11534336 },
        { 180, 0.0001, 6, 110592, 7077888 },
        { 89.999, -20, 5, 82943, 5308355 },
        { 235.855457, -22.977606, 10, 177355, 11350741 },
        { 227.694054, 82.640592, 2, 48950, 3132824 },
        { 244.606133, 20.257919, 2, 34163, 2186440 },
        { 62.171288, 50.02672, 0, 7030, 449982 },
        { 254.618583, 40.924891, 2, 38497, 2463848 },
        { 266.190963, -18.936287, 7, 117101, 7494477 },
        { 285.802588, -37.994065, 11, 190957, 12221263 },
        { 208.753763, -32.172898, 10, 175387, 11224830 },
        { 75.221425, 35.10993, 0, 5284, 338179 },
        { 313.670311, 43.47002, 3, 61450, 3932843 },
        { 40.081902, -3.395331, 4, 70919, 4538828 },
        { 263.279929, -15.543695, 7, 117242, 7503545 },
        { 100.554214, -15.277189, 5, 83771, 5361395 },
        { 330.74079, 47.861846, 3, 56143, 3593198 },
        { 150.936828, -8.203477, 6, 107210, 6861495 },
        { 295.094962, -40.885308, 11, 190130, 12168350 },
        { 56.99206, -21.361995, 8, 144606, 9254826 },
        { 135.712416, 0.515365, 6, 109227, 6990589 },
        { 350.270748, -3.722887, 4, 74863, 4791285 },
        { 271.262569, -33.325687, 7, 114899, 7353546 },
    };

    [Theory]
    [MemberData(nameof(Reference))]
    public void Nested_pixels_match_an_independent_implementation(double ra, double dec, long at1, long at128, long at1024)
    {
        Assert.Equal(at1, Healpix.PixelNested(1, ra, dec));
        Assert.Equal(at128, Healpix.PixelNested(128, ra, dec));
        Assert.Equal(at1024, Healpix.PixelNested(1024, ra, dec));
    }

    /// <summary>RING pixels from the same package (ang2pix_ring), as Fink keys its LSST cone table (nside 1024): both
    /// caps, the boundary of the polar caps, the equatorial belt and Fink's own LSST cone-search test position.</summary>
    public static TheoryData<double, double, long, long, long> RingReference => new()
    {
        { 359.9999, 0, 4, 98559, 6293503 },
        { 45, 60, 0, 13000, 841428 },
        { 45, -60, 8, 183364, 11739536 },
        { 0, 90, 0, 0, 0 },
        { 0, -90, 8, 196604, 12582908 },
        { 10, 41.8103148957786, 0, 32526, 2095217 },
        { 200, -41.81, 10, 163868, 10485987 },
        { 123.4, 89.99, 1, 1, 1 },
        { 300, -89.99, 11, 196607, 12582911 },
        { 180, 0.0001, 6, 97792, 6287360 },
        { 89.999, -20, 5, 131456, 8440832 },
        { 235.855457, -22.977606, 10, 136783, 8749691 },
        { 227.694054, 82.640592, 2, 810, 51927 },
        { 62.171288, 50.02672, 0, 23186, 1471204 },
        { 266.190963, -18.936287, 7, 130170, 8332244 },
        { 53.2514, -27.861, 8, 144203, 9230941 },
        { 150.936828, -8.203477, 6, 112598, 7188149 },
    };

    [Theory]
    [MemberData(nameof(RingReference))]
    public void Ring_pixels_match_an_independent_implementation(double ra, double dec, long at1, long at128, long at1024)
    {
        Assert.Equal(at1, Healpix.PixelRing(1, ra, dec));
        Assert.Equal(at128, Healpix.PixelRing(128, ra, dec));
        Assert.Equal(at1024, Healpix.PixelRing(1024, ra, dec));
    }

    [Fact]
    public void Each_pixel_holds_its_four_children_and_pixels_have_equal_areas()
    {
        var random = new Random(7);
        var counts = new int[Healpix.PixelCount(4)];
        const int points = 192_000;
        for (var i = 0; i < points; i++)
        {
            var ra = random.NextDouble() * 360;
            var dec = Math.Asin(2 * random.NextDouble() - 1) * 180 / Math.PI; // uniform on the sphere
            var fine = Healpix.PixelNested(512, ra, dec);
            Assert.Equal(fine >> 2, Healpix.PixelNested(256, ra, dec));
            Assert.Equal(fine >> 14, Healpix.PixelNested(4, ra, dec));
            counts[fine >> 14]++;
        }
        // 192 equal-area pixels: about 1,000 points each (a few standard deviations of Poisson noise at most).
        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(2048 * 1024)]
    public void Nside_must_be_a_power_of_two_in_range(int nside)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Healpix.PixelNested(nside, 0, 0));
    }
}
