namespace FinkTom.Server.Cutouts;

/// <summary>
/// Maps stamp pixels to [0, 1] as Fink's PNG pipeline does (contract §2.6). NaN becomes 0 first. <c>sigmoid</c>:
/// z = (x − mean)/std, out = 1/(1 + e^−z). Other stretches use Fink's "legacy normaliser": min cut = min + 0.2·MAD
/// (median absolute deviation from the median), max cut = the central pixel's value, then astropy's
/// <c>simple_norm(stretch, power=2, asinh_a=10, min_cut, max_cut)</c> with clipping: v = clip((x − min)/(max − min), 0, 1)
/// then linear v, sqrt √v, power v², log ln(1000·v + 1)/ln(1001) (astropy's default log_a), asinh asinh(v/10)/asinh(1/10).
/// </summary>
public static class PixelScaling
{
    private const double PowerExponent = 2;
    private const double AsinhA = 10;
    private const double LogA = 1000;

    /// <summary>Scales the pixels (row-major, <paramref name="width"/> per row) to [0, 1].</summary>
    public static double[] Scale(ReadOnlySpan<float> pixels, int width, Stretch stretch)
    {
        var data = new double[pixels.Length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = float.IsNaN(pixels[i]) ? 0 : pixels[i];
        }
        if (data.Length == 0)
        {
            return data;
        }
        if (stretch == Stretch.Sigmoid)
        {
            Sigmoid(data);
        }
        else
        {
            var (min, max) = LegacyCuts(data, width);
            ApplyStretch(data, min, max, stretch);
        }
        return data;
    }

    private static void Sigmoid(double[] data)
    {
        var mean = data.Average();
        var variance = data.Sum(x => (x - mean) * (x - mean)) / data.Length;
        var std = Math.Sqrt(variance);
        for (var i = 0; i < data.Length; i++)
        {
            // A flat stamp has std 0 (numpy would give NaN everywhere): render it mid-grey.
            data[i] = std > 0 ? 1 / (1 + Math.Exp(-(data[i] - mean) / std)) : 0.5;
        }
    }

    /// <summary>
    /// Fink's cuts: min + 0.2·MAD and the central pixel (index [rows/2, columns/2], the source position). When the
    /// central pixel is not above the min cut (a negative difference image), astropy would refuse (vmin &gt; vmax) and
    /// Fink answer 500; we take the image maximum instead so the stamp still renders.
    /// </summary>
    internal static (double Min, double Max) LegacyCuts(double[] data, int width)
    {
        var height = data.Length / width;
        var median = Median(data);
        var mad = Median(data.Select(x => Math.Abs(x - median)).ToArray());
        var min = data.Min() + 0.2 * mad;
        var max = data[height / 2 * width + width / 2];
        if (max <= min)
        {
            max = data.Max();
        }
        return (min, max);
    }

    private static void ApplyStretch(double[] data, double min, double max, Stretch stretch)
    {
        var range = max - min;
        for (var i = 0; i < data.Length; i++)
        {
            // range <= 0 only for a flat image: astropy's normalisation gives 0 there.
            var v = range > 0 ? Math.Clamp((data[i] - min) / range, 0, 1) : 0;
            data[i] = stretch switch
            {
                Stretch.Linear => v,
                Stretch.Sqrt => Math.Sqrt(v),
                Stretch.Power => Math.Pow(v, PowerExponent),
                Stretch.Log => Math.Log(LogA * v + 1) / Math.Log(LogA + 1),
                Stretch.Asinh => Math.Asinh(v / AsinhA) / Math.Asinh(1 / AsinhA),
                _ => throw new ArgumentOutOfRangeException(nameof(stretch), stretch, "Not a min/max stretch."),
            };
        }
    }

    // numpy.median: the mean of the two middle values for an even count.
    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
