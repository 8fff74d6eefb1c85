namespace FinkTom.Server.Cutouts;

/// <summary>How to render a stamp as PNG (contract §2.6).</summary>
/// <param name="Stretch">Pixel scaling; <see cref="Cutouts.Stretch.Sigmoid"/> by default, as in Fink.</param>
/// <param name="Colormap">Null for an 8-bit grayscale PNG; otherwise an RGBA PNG through this colormap.</param>
/// <param name="Kernel">Optional smoothing after the stretch.</param>
/// <param name="PMin">Lower percentile, 0.5 by default. Accepted and validated but not used: Fink's normaliser always
/// has explicit cuts (min + 0.2·MAD, central pixel), so in Fink too pmin/pmax change nothing (contract §2.6). We keep
/// that so a URL renders the same image on both servers.</param>
/// <param name="PMax">Upper percentile, 99.5 by default; unused like <paramref name="PMin"/>.</param>
public sealed record CutoutRenderOptions(
    Stretch Stretch = Stretch.Sigmoid,
    Colormap? Colormap = null,
    ConvolutionKernel Kernel = ConvolutionKernel.None,
    double PMin = CutoutRenderOptions.DefaultPMin,
    double PMax = CutoutRenderOptions.DefaultPMax)
{
    public const double DefaultPMin = 0.5;
    public const double DefaultPMax = 99.5;

    public static CutoutRenderOptions Default { get; } = new();
}
