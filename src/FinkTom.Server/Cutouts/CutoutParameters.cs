using System.Globalization;
using FinkTom.Server.Formats;

namespace FinkTom.Server.Cutouts;

/// <summary>
/// Parses the parameters of <c>/api/v1/cutouts</c> (contract §2.6) from their text values (query string, or a JSON
/// body's values converted to text). Names are matched case-sensitively, as Fink compares them. A rendering
/// parameter (stretch, colormap, convolution_kernel, pmin, pmax) that is absent or empty takes its default;
/// <c>output-format</c> only when absent (an empty one is refused, as by Fink and by
/// <see cref="TableFormats.Parse"/>). Invalid values come back as a <see cref="ParameterError"/>
/// for a 400 answer, with Fink's text where the contract quotes one; where Fink fails with a 500 (unknown kind,
/// colormap, kernel) we answer 400 with a text in the same style.
/// </summary>
public static class CutoutParameters
{
    public const string KindName = "kind";
    public const string OutputFormatName = "output-format";
    public const string StretchName = "stretch";
    public const string ColormapName = "colormap";
    public const string PMinName = "pmin";
    public const string PMaxName = "pmax";
    public const string ConvolutionKernelName = "convolution_kernel";

    /// <summary>The stretch names accepted, in documentation order.</summary>
    public static IReadOnlyList<string> StretchNames { get; } = ["sigmoid", "linear", "sqrt", "power", "log", "asinh", "arcsinh"];

    /// <summary>Parses and cross-checks every parameter; the first error found is returned.</summary>
    public static ParameterResult<CutoutRequest> Parse(string? kind, string? outputFormat = null, string? stretch = null,
        string? colormap = null, string? pmin = null, string? pmax = null, string? convolutionKernel = null)
    {
        var parsedKind = ParseKind(kind);
        if (!parsedKind.IsOk)
        {
            return ParameterResult<CutoutRequest>.Fail(parsedKind.Error!);
        }
        var format = ParseOutputFormat(outputFormat);
        if (!format.IsOk)
        {
            return ParameterResult<CutoutRequest>.Fail(format.Error!);
        }
        if (parsedKind.Value == CutoutKindSelection.All && format.Value != CutoutOutputFormat.Array)
        {
            // Fink's text. (Fink answers 500 when output-format is absent; an absent format is PNG here, so 400.)
            return ParameterResult<CutoutRequest>.Fail(KindName, "The option `kind=All` is only compatible with `output-format=array`.");
        }
        var parsedStretch = ParseStretch(stretch);
        if (!parsedStretch.IsOk)
        {
            return ParameterResult<CutoutRequest>.Fail(parsedStretch.Error!);
        }
        var parsedColormap = ParseColormap(colormap);
        if (!parsedColormap.IsOk)
        {
            return ParameterResult<CutoutRequest>.Fail(parsedColormap.Error!);
        }
        var kernel = ParseConvolutionKernel(convolutionKernel);
        if (!kernel.IsOk)
        {
            return ParameterResult<CutoutRequest>.Fail(kernel.Error!);
        }
        var percentiles = ParsePercentiles(pmin, pmax);
        if (!percentiles.IsOk)
        {
            return ParameterResult<CutoutRequest>.Fail(percentiles.Error!);
        }
        var render = new CutoutRenderOptions(parsedStretch.Value, parsedColormap.Value, kernel.Value,
            percentiles.Value.PMin, percentiles.Value.PMax);
        return ParameterResult<CutoutRequest>.Ok(new CutoutRequest(parsedKind.Value, format.Value, render));
    }

    /// <summary><c>kind</c> (required): <c>Science</c>, <c>Template</c>, <c>Difference</c> or <c>All</c>.</summary>
    public static ParameterResult<CutoutKindSelection> ParseKind(string? value) => value switch
    {
        null or "" => ParameterResult<CutoutKindSelection>.Fail(KindName, "A value for `kind` is required."),
        "Science" => ParameterResult<CutoutKindSelection>.Ok(CutoutKindSelection.Science),
        "Template" => ParameterResult<CutoutKindSelection>.Ok(CutoutKindSelection.Template),
        "Difference" => ParameterResult<CutoutKindSelection>.Ok(CutoutKindSelection.Difference),
        "All" => ParameterResult<CutoutKindSelection>.Ok(CutoutKindSelection.All),
        _ => ParameterResult<CutoutKindSelection>.Fail(KindName, "kind must be one of: Science, Template, Difference, or All."),
    };

    /// <summary><c>output-format</c>: <c>PNG</c> (default), <c>FITS</c> or <c>array</c>.</summary>
    public static ParameterResult<CutoutOutputFormat> ParseOutputFormat(string? value) => value switch
    {
        null or "PNG" => ParameterResult<CutoutOutputFormat>.Ok(CutoutOutputFormat.Png),
        "FITS" => ParameterResult<CutoutOutputFormat>.Ok(CutoutOutputFormat.Fits),
        "array" => ParameterResult<CutoutOutputFormat>.Ok(CutoutOutputFormat.Array),
        _ => ParameterResult<CutoutOutputFormat>.Fail(OutputFormatName, "output-format must be one of: PNG, FITS, or array."),
    };

    /// <summary><c>stretch</c>: see <see cref="StretchNames"/>; <c>sigmoid</c> by default.</summary>
    public static ParameterResult<Stretch> ParseStretch(string? value) => value switch
    {
        null or "" or "sigmoid" => ParameterResult<Stretch>.Ok(Stretch.Sigmoid),
        "linear" => ParameterResult<Stretch>.Ok(Stretch.Linear),
        "sqrt" => ParameterResult<Stretch>.Ok(Stretch.Sqrt),
        "power" => ParameterResult<Stretch>.Ok(Stretch.Power),
        "log" => ParameterResult<Stretch>.Ok(Stretch.Log),
        "asinh" or "arcsinh" => ParameterResult<Stretch>.Ok(Stretch.Asinh),
        _ => ParameterResult<Stretch>.Fail(StretchName, $"stretch must be one of: {OneOf(StretchNames)}."),
    };

    /// <summary><c>colormap</c>: a name from <see cref="Colormaps.Names"/>; absent means grayscale (null).</summary>
    public static ParameterResult<Colormap?> ParseColormap(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return ParameterResult<Colormap?>.Ok(null);
        }
        return Colormaps.TryGet(value, out var colormap)
            ? ParameterResult<Colormap?>.Ok(colormap)
            : ParameterResult<Colormap?>.Fail(ColormapName, $"colormap must be one of: {OneOf(Colormaps.Names)}.");
    }

    /// <summary><c>convolution_kernel</c>: <c>gauss</c> or <c>box</c>; absent means no smoothing.</summary>
    public static ParameterResult<ConvolutionKernel> ParseConvolutionKernel(string? value) => value switch
    {
        null or "" => ParameterResult<ConvolutionKernel>.Ok(ConvolutionKernel.None),
        "gauss" => ParameterResult<ConvolutionKernel>.Ok(ConvolutionKernel.Gauss),
        "box" => ParameterResult<ConvolutionKernel>.Ok(ConvolutionKernel.Box),
        _ => ParameterResult<ConvolutionKernel>.Fail(ConvolutionKernelName, "convolution_kernel must be one of: gauss, or box."),
    };

    /// <summary><c>pmin</c>/<c>pmax</c>: numbers with 0 ≤ pmin &lt; pmax ≤ 100 (defaults 0.5 and 99.5). See
    /// <see cref="CutoutRenderOptions.PMin"/>: validated, then unused, as in Fink.</summary>
    public static ParameterResult<(double PMin, double PMax)> ParsePercentiles(string? pmin, string? pmax)
    {
        if (!TryParsePercentile(pmin, CutoutRenderOptions.DefaultPMin, out var low))
        {
            return ParameterResult<(double, double)>.Fail(PMinName, "pmin must be a number between 0 and 100.");
        }
        if (!TryParsePercentile(pmax, CutoutRenderOptions.DefaultPMax, out var high))
        {
            return ParameterResult<(double, double)>.Fail(PMaxName, "pmax must be a number between 0 and 100.");
        }
        if (low >= high)
        {
            return ParameterResult<(double, double)>.Fail(PMinName, "pmin must be less than pmax.");
        }
        return ParameterResult<(double, double)>.Ok((low, high));
    }

    private static bool TryParsePercentile(string? text, double fallback, out double value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && value is >= 0 and <= 100;
    }

    // "a, b, or c", the enumeration style of Fink's messages.
    private static string OneOf(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))}, or {names[^1]}";
}
