namespace FinkTom.Core.Model;

/// <summary>The three 63×63 stamps of a ZTF alert, kept exactly as delivered: gzip-compressed FITS.</summary>
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
