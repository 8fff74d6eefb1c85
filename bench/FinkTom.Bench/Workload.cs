using FinkTom.Core.Model;

namespace FinkTom.Bench;

/// <summary>
/// The inputs every target is asked the same questions with: object ids, cone centres and dates taken from a
/// reservoir sample of the ingested alerts (so that lookups hit), and the classes of the templates.
/// </summary>
public sealed class Workload(int seed)
{
    private readonly Random _random = new(seed);
    private readonly List<(string ObjectId, double Ra, double Dec, double Jd)> _sample = [];
    private long _seen;

    public const int SampleSize = 5000;

    public IReadOnlyList<string> Classes { get; set; } = [];

    /// <summary>Reservoir sampling (algorithm R): a uniform sample of everything ingested.</summary>
    public void Observe(Alert alert)
    {
        if (alert.ObjectId.Length == 0)
            return; // Rubin's Solar System alerts: no object to look up
        _seen++;
        var item = (alert.ObjectId, alert.Ra, alert.Dec, alert.Jd);
        if (_sample.Count < SampleSize)
            _sample.Add(item);
        else if (_random.NextInt64(_seen) is var slot && slot < SampleSize)
            _sample[(int)slot] = item;
    }

    public string ObjectId(int i) => _sample[Index(i)].ObjectId;

    /// <summary>A cone centre a few arcsec from a stored alert, so that small cones find it.</summary>
    public (double Ra, double Dec) ConeCentre(int i)
    {
        var s = _sample[Index(i * 7 + 3)];
        return ((s.Ra + 1.0 / 3600 + 360) % 360, Math.Clamp(s.Dec + 1.0 / 3600, -90, 90));
    }

    public double Jd(int i) => _sample[Index(i * 13 + 5)].Jd;

    public string Class(int i) => Classes[Math.Abs(i) % Math.Min(Classes.Count, 5)];

    private int Index(int i) => (int)((uint)(i * 2654435761L) % (uint)_sample.Count);
}
