using FinkTom.Server.Cutouts;

namespace FinkTom.Tests.Cutouts;

public class CutoutRendererTests
{
    private static readonly FitsImage Science = FitsImage.Read(SampleStamps.Science);

    public static TheoryData<Stretch> Stretches => [.. Enum.GetValues<Stretch>()];

    private static DecodedPng Render(CutoutRenderOptions options) => DecodedPng.Read(CutoutRenderer.RenderPng(Science, options));

    [Theory]
    [MemberData(nameof(Stretches))]
    public void Without_colormap_is_a_63x63_grayscale_png(Stretch stretch)
    {
        var png = Render(new CutoutRenderOptions(stretch));

        Assert.Equal((63, 63), (png.Width, png.Height));
        Assert.Equal(0, png.ColorType);
        Assert.True(png.Pixels.Distinct().Count() > 10, "the stretch should leave a visible image");
    }

    [Fact]
    public void With_a_colormap_is_an_opaque_rgba_png()
    {
        Assert.True(Colormaps.TryGet("viridis", out var viridis));
        var png = Render(new CutoutRenderOptions(Colormap: viridis));

        Assert.Equal((63, 63, (byte)6), (png.Width, png.Height, png.ColorType));
        Assert.Equal(63 * 63 * 4, png.Pixels.Length);
        Assert.All(png.Pixels.Where((_, i) => i % 4 == 3), alpha => Assert.Equal(255, alpha));
    }

    [Theory]
    [MemberData(nameof(Stretches))]
    public void A_brighter_pixel_never_renders_darker(Stretch stretch)
    {
        var png = Render(new CutoutRenderOptions(stretch));

        // Sort pixels by sky value; their grey levels must then never decrease.
        var order = Enumerable.Range(0, Science.Pixels.Length).OrderBy(i => Science.Pixels[i]).ToArray();
        for (var k = 1; k < order.Length; k++)
        {
            Assert.True(png.Pixels[order[k]] >= png.Pixels[order[k - 1]],
                $"{stretch}: value {Science.Pixels[order[k]]} renders {png.Pixels[order[k]]}, below {png.Pixels[order[k - 1]]} for {Science.Pixels[order[k - 1]]}");
        }
    }

    [Fact]
    public void Legacy_stretches_map_the_central_pixel_to_white()
    {
        // Fink's max cut is the central pixel (the source), so it renders at full brightness.
        var png = Render(new CutoutRenderOptions(Stretch.Linear));
        Assert.Equal(255, png.Pixels[31 * 63 + 31]);
        Assert.Equal(0, png.Pixels.Min());
    }

    [Theory]
    [InlineData(ConvolutionKernel.Gauss)]
    [InlineData(ConvolutionKernel.Box)]
    public void Smoothing_lowers_the_pixel_variance(ConvolutionKernel kernel)
    {
        var sharp = Render(new CutoutRenderOptions());
        var smooth = Render(new CutoutRenderOptions(Kernel: kernel));

        Assert.True(Variance(smooth.Pixels) < 0.9 * Variance(sharp.Pixels),
            $"{kernel}: variance {Variance(smooth.Pixels)} vs {Variance(sharp.Pixels)}");
    }

    [Theory]
    [InlineData(ConvolutionKernel.Gauss)]
    [InlineData(ConvolutionKernel.Box)]
    public void Kernels_are_normalised_and_symmetric(ConvolutionKernel kernel)
    {
        var weights = Convolution.Kernel(kernel);
        Assert.Equal(1, weights.Cast<double>().Sum(), 12);
        Assert.Equal(weights[0, 1], weights[1, 0]);
        Assert.Equal(weights[1, 2], weights[3, 2]);
        Assert.True(weights[2, 2] > weights[2, 1]);
    }

    [Fact]
    public void Sigmoid_maps_the_mean_to_one_half_and_nan_to_zero_first()
    {
        // NaN counts as 0, so the mean of {NaN, 2} is 1 and z = ±1.
        var scaled = PixelScaling.Scale([float.NaN, 2f], width: 2, Stretch.Sigmoid);
        Assert.Equal(1 / (1 + Math.E), scaled[0], 12);
        Assert.Equal(1 / (1 + Math.Exp(-1)), scaled[1], 12);
        Assert.Equal(0.5, PixelScaling.Scale([3f, 3f], 2, Stretch.Sigmoid)[0]);
    }

    [Fact]
    public void Legacy_cuts_are_min_plus_a_fifth_of_the_mad_and_the_central_pixel()
    {
        // 3×3, centre 10; median 2, |x − 2| = {2,1,0,0,8,1,2,2,0} → MAD 1; min 0 → cuts 0.2 and 10.
        double[] data = [0, 1, 2, 2, 10, 3, 4, 4, 2];
        var (min, max) = PixelScaling.LegacyCuts(data, 3);
        Assert.Equal(0.2, min, 12);
        Assert.Equal(10, max);
    }

    [Fact]
    public void A_negative_central_pixel_falls_back_to_the_image_maximum()
    {
        double[] data = [0, 5, 9, 1, -3, 2, 0, 0, 1];
        Assert.Equal(9, PixelScaling.LegacyCuts(data, 3).Max);
    }

    private static double Variance(byte[] values)
    {
        var mean = values.Average(v => (double)v);
        return values.Average(v => (v - mean) * (v - mean));
    }
}
