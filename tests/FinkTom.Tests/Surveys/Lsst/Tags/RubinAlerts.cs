using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using FinkTom.Core.Model;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst.Tags;

namespace FinkTom.Tests.Surveys.Lsst.Tags;

/// <summary>Rubin alerts built value by value for the block and tag tests, and FITS cutouts to go with them.</summary>
internal static class RubinAlerts
{
    private static readonly HistoryKind Previous = Survey.Lsst.History.Single(k => k.Name == "prvDiaSources");

    public const double Now = 61_000.0;

    /// <summary>
    /// A static, good-quality alert at the north galactic pole with no cross-match: a loose extragalactic candidate
    /// (not a near-galaxy one), band r, psfFlux 10 000 nJy (mag 21.4, 100σ), rising against its object's mean, 2 days
    /// after the object's first diaSource, which it has 10 of. No tag passes it.
    /// </summary>
    public static Alert Good()
    {
        var alert = new Alert(Survey.Lsst);
        alert["r:diaSourceId"] = 1_000L;
        alert["r:diaObjectId"] = 42L;
        alert["r:midpointMjdTai"] = Now;
        alert["f:firstDiaSourceMjdTaiFink"] = Now - 2;
        alert["r:ra"] = 192.8594812065348;
        alert["r:dec"] = 27.12825118085622;
        alert["r:band"] = "r";
        alert["r:psfFlux"] = 10_000f;
        alert["r:psfFluxErr"] = 100f;
        alert["r:snr"] = 100f;
        alert["r:isNegative"] = false;
        foreach (var flag in QualityFlags)
            alert["r:" + flag] = false;
        alert["r:nDiaSources"] = 10;
        alert["r:r_psfFluxMean"] = 9_000f;
        alert["r:r_psfFluxMeanErr"] = 100f;
        alert["r:r_psfFluxNdata"] = 5;
        alert["r:r_psfFluxMax"] = 20_000f;
        alert["f:is_sso"] = false;
        return alert;
    }

    public static readonly string[] QualityFlags =
    [
        "isDipole", "pixelFlags", "pixelFlags_bad", "pixelFlags_saturated", "pixelFlags_streakCenter", "pixelFlags_interpolated",
        "pixelFlags_cr", "pixelFlags_nodata", "pixelFlags_streak", "pixelFlags_edge", "psfFlux_flag", "apFlux_flag",
        "forced_PsfFlux_flag", "forced_PsfFlux_flag_edge", "shape_flag", "centroid_flag",
    ];

    // Alerts that pass one tag each (the tag tests break one cut at a time; the property test starts from them).

    /// <summary>A bright (mag 18.9) rising loose candidate: <c>extragalactic_lt20mag_candidate</c>.</summary>
    public static Alert BrightRising() => Good().With("r:psfFlux", 100_000f).With("r:psfFluxErr", 1_000f)
        .With("r:r_psfFluxMean", 90_000f);

    /// <summary>A near-galaxy candidate (SIMBAD galaxy): <c>extragalactic_svom</c>.</summary>
    public static Alert NearGalaxy() => Good().With("f:xm_simbad_otype", "Galaxy");

    /// <summary>A bright loose candidate up by 50 000 nJy in a day: <c>fast_transient_gvom</c>.</summary>
    public static Alert FastRiser() => BrightRising().WithPrevious("r", 1, psfFlux: 50_000f, psfFluxErr: 500f);

    /// <summary>SN-like classifier scores with a quality flag set (Fink's inverted term): <c>most_likely_sn</c>.</summary>
    public static Alert SnLike() => Good().With("f:clf_snnSnVsOthers_score", 0.7f).With("f:clf_cats_class", 11)
        .With("f:clf_cats_score", 0.9f).With("r:shape_flag", true);

    /// <summary>A mag-20 trail of 3″ with this science cutout: <c>faint_trails</c> when the cutout is elongated.</summary>
    public static Alert Trail(float[,]? cutout) => Good().With("r:psfFlux", FluxOf(20)).With("r:psfFluxErr", 100f)
        .With("r:trailLength", 3f).With("r:trailFlux", 1f).With("r:pixelFlags_cr", false)
        .WithCutout(cutout is null ? null : Fits(cutout));

    /// <summary>A g-band flare (psfFlux = 0.2 × templateFlux) of an object seen before, at airmass ≈ 1.5:
    /// <c>mdwarf_flare</c>.</summary>
    public static Alert Flare()
    {
        var alert = Good().With("r:band", "g").With("r:psfFlux", 200f).With("r:psfFluxErr", 10f).With("r:templateFlux", 1_000f)
            .With("r:dec", 10.0);
        // The right ascension that puts it at airmass 1.4–1.6 now (east or west, whichever the scan meets first).
        var ra = Enumerable.Range(0, 3600).Select(i => i / 10.0)
            .First(ra => Airmass.At(ra, 10.0, Now) is > 1.4 and < 1.6);
        return alert.With("r:ra", ra);
    }

    /// <summary>A copy of the alert with one value changed (the original is left as it was).</summary>
    public static Alert With(this Alert alert, string column, object? value)
    {
        var copy = Copy(alert);
        copy[column] = value;
        return copy;
    }

    /// <summary>A copy with this science cutout.</summary>
    public static Alert WithCutout(this Alert alert, byte[]? science)
    {
        var copy = Copy(alert);
        copy.Cutouts = science is null ? null : new AlertCutouts(science, null, null);
        return copy;
    }

    /// <summary>A copy with one more previous diaSource (<c>prvDiaSources</c> entry, last in the list),
    /// <paramref name="daysBefore"/> days before the alert.</summary>
    public static Alert WithPrevious(this Alert alert, string? band, double daysBefore, float? psfFlux = 1_000f, float? psfFluxErr = 10f,
        float? templateFlux = null)
    {
        var copy = Copy(alert);
        var previous = new Measurement(Previous);
        previous[Previous.Catalog!.Get("r:diaSourceId")] = 500L + copy.Measurements.Count;
        previous[Previous.Catalog.Get("r:midpointMjdTai")] = (copy["r:midpointMjdTai"] as double? ?? Now) - daysBefore;
        previous[Previous.Catalog.Get("r:band")] = band;
        previous[Previous.Catalog.Get("r:psfFlux")] = psfFlux;
        previous[Previous.Catalog.Get("r:psfFluxErr")] = psfFluxErr;
        previous[Previous.Catalog.Get("r:templateFlux")] = templateFlux;
        copy.Measurements.Add(previous);
        return copy;
    }

    private static Alert Copy(Alert alert)
    {
        var copy = new Alert(alert.Survey) { Cutouts = alert.Cutouts };
        alert.Values.CopyTo(copy.Values, 0);
        copy.Measurements.AddRange(alert.Measurements);
        return copy;
    }

    /// <summary>The psfFlux (nJy) of an AB magnitude.</summary>
    public static float FluxOf(double magnitude) => (float)Math.Pow(10, (31.4 - magnitude) / 2.5);

    /// <summary>
    /// A noisy image with a Gaussian source at its centre: σ <paramref name="sigmaX"/> along x (columns) and
    /// <paramref name="sigmaY"/> along y (rows), peak <paramref name="peak"/>; the noise is seeded.
    /// </summary>
    public static float[,] Source(int size, double sigmaX, double sigmaY, double peak = 1_000, int seed = 1)
    {
        var random = new Random(seed);
        var image = new float[size, size];
        var centre = (size - 1) / 2.0;
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var r2 = Math.Pow((x - centre) / sigmaX, 2) + Math.Pow((y - centre) / sigmaY, 2);
                image[y, x] = (float)(peak * Math.Exp(-r2 / 2) + 10 * (random.NextDouble() - 0.5));
            }
        return image;
    }

    /// <summary>A FITS file whose primary HDU is this float32 image (as Rubin cutouts), with extra header cards.</summary>
    public static byte[] Fits(float[,] image, params (string Keyword, string Value)[] cards)
    {
        var (height, width) = (image.GetLength(0), image.GetLength(1));
        var header = new List<(string, string)>
        {
            ("SIMPLE", "T"), ("BITPIX", "-32"), ("NAXIS", "2"),
            ("NAXIS1", width.ToString(CultureInfo.InvariantCulture)), ("NAXIS2", height.ToString(CultureInfo.InvariantCulture)),
        };
        header.AddRange(cards);
        var data = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                BinaryPrimitives.WriteSingleBigEndian(data.AsSpan((y * width + x) * 4), image[y, x]);
        return [.. Header(header), .. Pad(data, 0)];
    }

    /// <summary>A FITS header of these cards and END, padded to 2880-byte blocks with spaces.</summary>
    public static byte[] Header(IEnumerable<(string Keyword, string Value)> cards)
    {
        var text = new StringBuilder();
        foreach (var (keyword, value) in cards)
            text.Append($"{keyword,-8}= {value,20}".PadRight(80));
        text.Append("END".PadRight(80));
        return Pad(Encoding.ASCII.GetBytes(text.ToString()), (byte)' ');
    }

    private static byte[] Pad(byte[] bytes, byte fill)
    {
        var padded = new byte[(bytes.Length + 2879) / 2880 * 2880];
        Array.Fill(padded, fill);
        bytes.CopyTo(padded, 0);
        return padded;
    }
}
