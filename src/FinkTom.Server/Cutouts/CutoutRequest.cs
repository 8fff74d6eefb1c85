using FinkTom.Core.Model;

namespace FinkTom.Server.Cutouts;

/// <summary>The <c>output-format</c> of <c>/api/v1/cutouts</c> (contract §2.6): <c>PNG</c>, <c>FITS</c> or <c>array</c>.</summary>
public enum CutoutOutputFormat
{
    Png,
    Fits,
    Array,
}

/// <summary>The <c>kind</c> of <c>/api/v1/cutouts</c>: one stamp, or <see cref="All"/> three (array output only).</summary>
public enum CutoutKindSelection
{
    Science,
    Template,
    Difference,
    All,
}

/// <summary>A validated <c>/api/v1/cutouts</c> request, apart from the object and candidate it names.</summary>
public sealed record CutoutRequest(CutoutKindSelection Kind, CutoutOutputFormat OutputFormat, CutoutRenderOptions Render)
{
    /// <summary>The stamps to read: one, or the three for <see cref="CutoutKindSelection.All"/>.</summary>
    public IReadOnlyList<CutoutKind> Kinds => Kind switch
    {
        CutoutKindSelection.Science => [CutoutKind.Science],
        CutoutKindSelection.Template => [CutoutKind.Template],
        CutoutKindSelection.Difference => [CutoutKind.Difference],
        CutoutKindSelection.All => [CutoutKind.Science, CutoutKind.Template, CutoutKind.Difference],
        _ => throw new InvalidOperationException($"Unknown kind {Kind}."),
    };
}
