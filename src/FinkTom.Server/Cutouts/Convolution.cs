namespace FinkTom.Server.Cutouts;

/// <summary>
/// The optional smoothing of a PNG cutout (contract §2.6: <c>gauss</c> or <c>box</c>, smooth = 1, kernel size 5),
/// built as astropy builds <c>Gaussian2DKernel(1, x_size=5, y_size=5)</c> and <c>Box2DKernel(1, x_size=5, y_size=5)</c>:
/// the Gaussian sampled at pixel centres (σ = 1 pixel); the width-1 box discretised by bilinear interpolation, which
/// gives the separable 3×3 weights [¼ ½ ¼] ⊗ [¼ ½ ¼] inside the 5×5 window. Kernels are normalised to sum 1;
/// pixels outside the stamp take the value of the nearest edge pixel (astropy <c>boundary="extend"</c>).
/// </summary>
public static class Convolution
{
    private const int Size = 5;
    private const int Half = Size / 2;

    public static double[] Apply(double[] image, int width, ConvolutionKernel kernel)
    {
        if (kernel == ConvolutionKernel.None || image.Length == 0)
        {
            return image;
        }
        var weights = Kernel(kernel);
        var height = image.Length / width;
        var result = new double[image.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                double sum = 0;
                for (var ky = 0; ky < Size; ky++)
                {
                    var sy = Math.Clamp(y + ky - Half, 0, height - 1);
                    for (var kx = 0; kx < Size; kx++)
                    {
                        var sx = Math.Clamp(x + kx - Half, 0, width - 1);
                        sum += weights[ky, kx] * image[sy * width + sx];
                    }
                }
                result[y * width + x] = sum;
            }
        }
        return result;
    }

    internal static double[,] Kernel(ConvolutionKernel kernel)
    {
        var weights = new double[Size, Size];
        double total = 0;
        for (var ky = 0; ky < Size; ky++)
        {
            for (var kx = 0; kx < Size; kx++)
            {
                int dy = ky - Half, dx = kx - Half;
                var w = kernel switch
                {
                    ConvolutionKernel.Gauss => Math.Exp(-(dx * dx + dy * dy) / 2.0),
                    ConvolutionKernel.Box => BoxWeight(dx) * BoxWeight(dy),
                    _ => throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "No kernel to build."),
                };
                weights[ky, kx] = w;
                total += w;
            }
        }
        for (var ky = 0; ky < Size; ky++)
        {
            for (var kx = 0; kx < Size; kx++)
            {
                weights[ky, kx] /= total;
            }
        }
        return weights;
    }

    // A box of width 1 evaluated at the pixel's two edges and averaged: centre 1, neighbours ½, beyond 0.
    private static double BoxWeight(int offset) => Math.Abs(offset) switch
    {
        0 => 1,
        1 => 0.5,
        _ => 0,
    };
}
