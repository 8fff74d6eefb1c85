using FinkTom.Core.Model;
using FinkTom.Core.Science;
using FinkTom.Core.Surveys;
using FinkTom.Ingest.Files;

namespace FinkTom.Bench.Synthetic;

/// <summary>
/// A deterministic scale-up of the real sample alerts to any N: new object ids and candids, positions uniform over
/// the whole sky, 1–8 alerts per object spaced 0.5–4 days apart in alternating filters, and every other field copied
/// from a real sample alert (one template per object), so classes and filters keep the samples' selectivity.
/// Each alert's history holds the object's earlier alerts as detections and one upper limit between each pair,
/// as ZTF's prv_candidates do.
/// </summary>
public sealed class SyntheticSky
{
    private readonly List<Alert> _templates;
    private readonly int _seed;

    public SyntheticSky(string samplesFolder, int seed)
    {
        var reader = new AlertFileReader();
        _templates = Directory.EnumerateFiles(samplesFolder, "*.avro", SearchOption.AllDirectories).Order()
            .SelectMany(f => reader.Read(f, _ => { })).Where(a => a.Survey == Survey.Ztf).ToList(); // samples/lsst is SyntheticRubin's
        if (_templates.Count == 0)
            throw new InvalidOperationException($"No sample alerts under {samplesFolder}.");
        _seed = seed;
    }

    public int TemplateCount => _templates.Count;

    /// <summary>The classes of the templates, most frequent first (what "latest 100 of a class" asks for).</summary>
    public IReadOnlyList<string> Classes =>
        _templates.GroupBy(t => (string)t[ColumnCatalog.Classification]!).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();

    public const double FirstJd = 2460000.5;

    /// <summary>Streams <paramref name="count"/> alerts, object by object; the same seed gives the same sky.</summary>
    public IEnumerable<Alert> Generate(long count, bool withCutouts)
    {
        var random = new Random(_seed);
        long made = 0, candid = 3_000_000_000_000_000_000, objectIndex = 0;
        while (made < count)
        {
            var template = _templates[random.Next(_templates.Count)];
            var objectId = ObjectName(objectIndex++);
            // Uniform on the sphere: RA uniform, sin(Dec) uniform.
            var ra = random.NextDouble() * 360;
            var dec = Math.Asin(2 * random.NextDouble() - 1) * 180 / Math.PI;
            var alerts = (int)Math.Min(1 + random.Next(8), count - made);
            var jd = FirstJd + random.NextDouble() * 1000;
            var start = jd;
            var earlier = new List<HistoryPoint>();
            for (var k = 0; k < alerts; k++)
            {
                var fid = 1 + (k % 2);
                var mag = (float)(16 + random.NextDouble() * 5);
                var alert = new Alert();
                Array.Copy(template.Values, alert.Values, alert.Values.Length);
                alert[ColumnCatalog.ObjectId] = objectId;
                alert[ColumnCatalog.Candid] = candid;
                alert[ColumnCatalog.Jd] = jd;
                alert[ColumnCatalog.JdStartHist] = start;
                alert[ColumnCatalog.Ra] = (ra + random.NextDouble() * 1e-4 + 360) % 360;
                alert[ColumnCatalog.Dec] = Math.Clamp(dec + random.NextDouble() * 1e-4, -90, 90);
                alert[ColumnCatalog.Fid] = fid;
                alert[ColumnCatalog.MagPsf] = mag;
                alert["i:ndethist"] = k + 1;
                alert[ColumnCatalog.Classification] = FinkClassifier.Classify(alert);
                alert.History.AddRange(earlier);
                if (withCutouts)
                    alert.Cutouts = template.Cutouts;
                yield return alert;

                earlier.Add(new HistoryPoint { ObjectId = objectId, Jd = jd, Fid = fid, Candid = candid, MagPsf = mag, SigmaPsf = 0.05f, DiffMagLim = 20.5f, Rb = 0.9f, NBad = 0, Ra = ra, Dec = dec });
                var gap = 0.5 + random.NextDouble() * 3.5;
                earlier.Add(new HistoryPoint { ObjectId = objectId, Jd = jd + gap / 2, Fid = fid, DiffMagLim = (float)(19.5 + random.NextDouble()) });
                jd += gap;
                candid += 1 + random.Next(1000);
                made++;
            }
        }
    }

    /// <summary>ZTF-like names: "ZTF" + two-digit year + seven lowercase letters, distinct for each index.</summary>
    public static string ObjectName(long index)
    {
        Span<char> letters = stackalloc char[7];
        var n = index;
        for (var i = 6; i >= 0; i--)
        {
            letters[i] = (char)('a' + n % 26);
            n /= 26;
        }
        return $"ZTF{30 + n % 70:D2}{letters}";
    }
}
