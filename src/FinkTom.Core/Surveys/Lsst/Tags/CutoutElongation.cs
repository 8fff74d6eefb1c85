namespace FinkTom.Core.Surveys.Lsst.Tags;

/// <summary>
/// Elongation of the bright pixels of a science cutout, <c>faint_trails</c>' last cut (fink-filters
/// <c>filter_faint_trails/utils.py</c>, <c>compute_elongation_from_image</c>): pixels above median + 3σ (σ = 1.4826 ×
/// MAD, or the standard deviation when the MAD is 0), at least 5 of them, weighted by their values; the elongation is
/// √(λmax/λmin) of their second-moment matrix. NaN wherever Fink's gives NaN.
/// </summary>
public static class CutoutElongation
{
    /// <summary>The elongation of the first image of a FITS cutout; NaN when there is none.</summary>
    public static double FromFits(ReadOnlySpan<byte> fits) => FitsPrimaryImage.Read(fits) is { } image ? FromImage(image) : double.NaN;

    public static double FromImage(double[,] image)
    {
        var height = image.GetLength(0);
        var width = image.GetLength(1);
        var pixels = new double[height * width];
        if (pixels.Length == 0)
            return double.NaN;
        for (var row = 0; row < height; row++)
            for (var column = 0; column < width; column++)
                pixels[row * width + column] = NanToNum(image[row, column]);

        var median = Median((double[])pixels.Clone());
        var deviations = pixels.Select(p => Math.Abs(p - median)).ToArray();
        var mad = Median(deviations);
        var sigma = mad > 0 ? 1.4826 * mad : StandardDeviation(pixels);
        var threshold = median + 3 * sigma;

        double count = 0, total = 0, sumX = 0, sumY = 0;
        foreach (var (x, y, w) in Bright())
        {
            count++;
            total += w;
            sumX += x * w;
            sumY += y * w;
        }
        if (count < 5 || total == 0)
            return double.NaN;
        var (xc, yc) = (sumX / total, sumY / total);
        double ixx = 0, iyy = 0, ixy = 0;
        foreach (var (x, y, w) in Bright())
        {
            ixx += w * (x - xc) * (x - xc);
            iyy += w * (y - yc) * (y - yc);
            ixy += w * (x - xc) * (y - yc);
        }
        (ixx, iyy, ixy) = (ixx / total, iyy / total, ixy / total);

        // Eigenvalues of the symmetric 2×2 matrix [[ixx, ixy], [ixy, iyy]].
        var mean = (ixx + iyy) / 2;
        var spread = Math.Sqrt((ixx - iyy) * (ixx - iyy) / 4 + ixy * ixy);
        var (l1, l2) = (mean + spread, mean - spread);
        return l2 > 0 ? Math.Sqrt(l1 / l2) : double.NaN;

        // Pixels above the threshold: column x, row y, value (numpy's np.where(mask) order).
        IEnumerable<(int X, int Y, double W)> Bright()
        {
            for (var i = 0; i < pixels.Length; i++)
                if (pixels[i] > threshold)
                    yield return (i % width, i / width, pixels[i]);
        }
    }

    // numpy's nan_to_num on the float32 data of a Rubin cutout: NaN → 0, ±inf → ±the largest float32.
    private static double NanToNum(double value) => value switch
    {
        double.NaN => 0,
        double.PositiveInfinity => float.MaxValue,
        double.NegativeInfinity => float.MinValue,
        _ => value,
    };

    /// <summary>numpy's median: the middle value, or the mean of the two middle ones. Sorts its argument.</summary>
    private static double Median(double[] values)
    {
        Array.Sort(values);
        var half = values.Length / 2;
        return values.Length % 2 == 1 ? values[half] : (values[half - 1] + values[half]) / 2;
    }

    // Population standard deviation (numpy's default ddof = 0).
    private static double StandardDeviation(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
