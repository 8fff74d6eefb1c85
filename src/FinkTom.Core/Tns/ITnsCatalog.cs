namespace FinkTom.Core.Tns;

/// <summary>
/// The TNS catalogue FinkTom holds, imported from TNS's public-objects CSV (<c>finktom import-tns</c>): it answers
/// /api/v1/resolver (resolver=tns) and gives raw ZTF alerts their <c>d:tns</c> at ingestion.
/// </summary>
public interface ITnsCatalog
{
    /// <summary>Replaces the whole catalogue with <paramref name="entries"/> (a re-import refreshes it); returns how many were kept.</summary>
    Task<int> ReplaceAsync(IEnumerable<TnsEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Resolver rows: forward, those whose key starts with the lower-cased <paramref name="name"/> (every row for "");
    /// with <paramref name="reverse"/>, those whose internal name contains it (a ZTF object id → its TNS name). At most
    /// <paramref name="limit"/>, by key.</summary>
    Task<IReadOnlyList<TnsResolverRow>> ResolveAsync(string name, bool reverse, int limit, CancellationToken cancellationToken = default);

    /// <summary>The type of the nearest classified entry within <paramref name="radiusArcsec"/>; "" when none is;
    /// null when no catalogue was imported (nothing to say).</summary>
    string? TypeNear(double ra, double dec, double radiusArcsec);
}
