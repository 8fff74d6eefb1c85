using FinkTom.Core.Model;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst.Tags;
using FinkTom.Ingest.Files;

namespace FinkTom.Bench.Synthetic;

/// <summary>
/// A deterministic scale-up of the 7 Fink-processed Rubin sample alerts to any N (the Rubin counterpart of
/// <see cref="SyntheticSky"/>). Each object copies one template's fields: a static object (5 templates) gets 1–10
/// alerts at increasing <c>midpointMjdTai</c>, its earlier diaSources as <c>prvDiaSources</c> and forced photometry
/// at its position for every visit so far (each point repeated in every later alert, as Rubin does); a Solar System
/// object (2 templates) gets 1–4 alerts along a straight track. New 18-digit ids, positions uniform over the sky.
/// </summary>
/// <remarks>A few % of static objects have a TNS counterpart (<c>f:xm_tns_fullname</c>), so their alerts pass the
/// <c>in_tns</c> tag. Every alert's <c>t:</c> columns come from <see cref="LsstTagEvaluator"/>, as the decoder sets them.</remarks>
public sealed class SyntheticRubin
{
    /// <summary>Objects that are asteroids: with fewer alerts each, they make ≈ 10 % of the alerts.</summary>
    public const double SolarSystemObjectShare = 0.2;

    /// <summary>Static objects with a TNS counterpart (their every alert passes <c>in_tns</c>).</summary>
    public const double TnsShare = 0.03;

    /// <summary>Object first detections fall in the 400 days from this MJD (TAI): November 2025 to 2026.</summary>
    public const double FirstMjd = 61000;

    private readonly List<Alert> _templates;
    private readonly int[] _static, _solarSystem;
    private readonly int _seed;

    public SyntheticRubin(string sampleFile, int seed)
    {
        _templates = new AlertFileReader().Read(sampleFile, r => throw new InvalidOperationException(r.ToString())).ToList();
        _static = Enumerable.Range(0, _templates.Count).Where(i => _templates[i]["f:is_sso"] is false).ToArray();
        _solarSystem = Enumerable.Range(0, _templates.Count).Where(i => _templates[i]["f:is_sso"] is true).ToArray();
        if (_static.Length == 0 || _solarSystem.Length == 0)
            throw new InvalidOperationException($"{sampleFile} needs static and Solar System alerts to serve as templates.");
        _seed = seed;
    }

    public int TemplateCount => _templates.Count;

    /// <summary>Streams <paramref name="count"/> alerts, object by object; the same seed gives the same sky.</summary>
    public IEnumerable<Alert> Generate(long count, bool withCutouts) => GenerateWithTemplates(count, withCutouts).Select(a => a.Alert);

    /// <summary>As <see cref="Generate"/>, with the index of each alert's template in the sample file.</summary>
    public IEnumerable<(Alert Alert, int Template)> GenerateWithTemplates(long count, bool withCutouts)
    {
        var objects = new RubinObjects(new Random(_seed));
        long made = 0;
        while (made < count)
        {
            var solarSystem = objects.Random.NextDouble() < SolarSystemObjectShare;
            var pool = solarSystem ? _solarSystem : _static;
            var template = pool[objects.Random.Next(pool.Length)];
            var alerts = solarSystem ? objects.Asteroid(_templates[template]) : objects.Static(_templates[template]);
            foreach (var alert in alerts.Take((int)Math.Min(alerts.Count, count - made)))
            {
                if (withCutouts)
                    alert.Cutouts = _templates[template].Cutouts;
                LsstTagEvaluator.Apply(alert); // last, as the decoder: some tags read the science cutout
                made++;
                yield return (alert, template);
            }
        }
    }

    /// <summary>The 64-bit ssObjectId Rubin gives an asteroid: the ASCII bytes of its packed designation, big-endian.</summary>
    public static long SsObjectId(string packed) => packed.Aggregate(0L, (id, c) => id << 8 | c);

    internal static readonly Survey Lsst = Survey.Lsst;
}
