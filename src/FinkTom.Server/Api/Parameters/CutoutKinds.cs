using FinkTom.Core.Model;

namespace FinkTom.Server.Api.Parameters;

internal static class CutoutKinds
{
    public static readonly CutoutKind[] All = [CutoutKind.Science, CutoutKind.Template, CutoutKind.Difference];

    /// <summary>Reads <c>cutout-kind</c>: one of Science, Template, Difference (Fink's names and error text).</summary>
    public static IReadOnlyList<CutoutKind> FromParameter(ParameterReader reader, string name, bool defaultAll)
    {
        if (reader.String(name) is not { } text)
            return defaultAll ? All : [CutoutKind.Science];
        if (All.FirstOrDefault(k => k.ToString() == text) is var kind && kind.ToString() == text)
            return [kind];
        return reader.Fail<IReadOnlyList<CutoutKind>>(name, $"`{name}` must be `Science`, `Difference`, or `Template`, got '{text}'.", All);
    }
}
