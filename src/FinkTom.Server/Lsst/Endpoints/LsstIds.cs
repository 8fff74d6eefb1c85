using FinkTom.Server.Api.Parameters;

namespace FinkTom.Server.Lsst.Endpoints;

/// <summary>Reading Rubin ids from a request: decimal text, never through a double (contract §6.3).</summary>
internal static class LsstIds
{
    public const int MaxIds = 1000;

    /// <summary>A comma-separated list of ids (at most <see cref="MaxIds"/>). Text that is no id is kept: like Fink, it
    /// simply matches nothing.</summary>
    public static IReadOnlyList<string> List(ParameterReader reader, string name)
    {
        var ids = reader.List(name) ?? [];
        if (ids.Count > MaxIds)
            reader.Fail(name, $"`{name}`: at most {MaxIds} IDs per request, got {ids.Count}.", 0);
        return ids;
    }
}
