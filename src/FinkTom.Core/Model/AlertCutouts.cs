namespace FinkTom.Core.Model;

/// <summary>The three stamps of an alert, kept exactly as delivered (ZTF: gzip-compressed 63×63 FITS; Rubin: raw
/// multi-extension FITS).</summary>
public sealed record AlertCutouts(byte[]? Science, byte[]? Template, byte[]? Difference)
{
    public byte[]? Get(CutoutKind kind) => kind switch
    {
        CutoutKind.Science => Science,
        CutoutKind.Template => Template,
        CutoutKind.Difference => Difference,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

public enum CutoutKind
{
    Science,
    Template,
    Difference,
}
