namespace FinkTom.Server.Cutouts;

/// <summary>
/// Renders a stamp as Fink's <c>/cutouts</c> PNG (contract §2.6): NaN → 0, stretch to [0, 1]
/// (<see cref="PixelScaling"/>), optional smoothing (<see cref="Convolution"/>), then 8-bit grayscale
/// (<c>uint8(x·255)</c>, truncated as numpy does) or RGBA through a colormap. Row 0 of the stamp is the PNG's top
/// row, as in Fink (PIL's <c>Image.fromarray</c> on the FITS data), so the image is flipped vertically compared to
/// the usual astronomical display with the origin at the bottom.
/// </summary>
public static class CutoutRenderer
{
    public static byte[] RenderPng(FitsImage image, CutoutRenderOptions options)
    {
        var scaled = Scale(image, options);
        var width = image.Width;
        var height = image.Height;
        if (options.Colormap is null)
        {
            var grey = new byte[scaled.Length];
            for (var i = 0; i < grey.Length; i++)
            {
                grey[i] = (byte)(Math.Clamp(scaled[i], 0, 1) * 255);
            }
            return PngEncoder.Encode(width, height, PngColorType.Grayscale, grey);
        }
        var rgba = new byte[scaled.Length * 4];
        for (var i = 0; i < scaled.Length; i++)
        {
            options.Colormap.Map(scaled[i], rgba.AsSpan(i * 4, 4));
        }
        return PngEncoder.Encode(width, height, PngColorType.Rgba, rgba);
    }

    /// <summary>The [0, 1] values the PNG is made of (stretched, then smoothed), row-major.</summary>
    public static double[] Scale(FitsImage image, CutoutRenderOptions options)
    {
        var scaled = PixelScaling.Scale(image.Pixels, image.Width, options.Stretch);
        return Convolution.Apply(scaled, image.Width, options.Kernel);
    }
}
