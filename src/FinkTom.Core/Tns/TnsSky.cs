using FinkTom.Core.Sky;

namespace FinkTom.Core.Tns;

/// <summary>
/// The classified TNS entries in memory, sorted by declination, for the ingest cross-match: a binary search finds the
/// declination band of a position, then the exact angular distance picks the nearest entry within the radius.
/// </summary>
public sealed class TnsSky
{
    private readonly (double Dec, double Ra, string Type)[] _entries;

    public TnsSky(IEnumerable<(double Ra, double Dec, string Type)> classified) =>
        _entries = classified.Select(e => (e.Dec, e.Ra, e.Type)).OrderBy(e => e.Dec).ToArray();

    public int Count => _entries.Length;

    /// <summary>The type of the nearest entry within the radius, "" when there is none.</summary>
    public string TypeNear(double ra, double dec, double radiusArcsec)
    {
        var radius = radiusArcsec / 3600;
        var lo = LowerBound(dec - radius);
        string best = "";
        var bestDistance = double.MaxValue;
        for (var i = lo; i < _entries.Length && _entries[i].Dec <= dec + radius; i++)
        {
            var distance = SkyMath.SeparationDeg(ra, dec, _entries[i].Ra, _entries[i].Dec);
            if (distance <= radius && distance < bestDistance)
                (best, bestDistance) = (_entries[i].Type, distance);
        }
        return best;
    }

    private int LowerBound(double dec)
    {
        int lo = 0, hi = _entries.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_entries[mid].Dec < dec)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
