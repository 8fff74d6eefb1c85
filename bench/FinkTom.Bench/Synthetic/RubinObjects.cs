using FinkTom.Core.Model;
using FinkTom.Core.Sky;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst;

namespace FinkTom.Bench.Synthetic;

/// <summary>
/// Makes the alerts of one synthetic Rubin object at a time from a template alert, drawing everything from one
/// <see cref="Random"/> and numbering diaSources, forced sources and asteroids from counters, so a seed gives one sky.
/// </summary>
internal sealed class RubinObjects(Random random)
{
    private static readonly Survey Lsst = Survey.Lsst;
    private static readonly HistoryKind Previous = Lsst.History.Single(k => !k.Stored);
    private static readonly HistoryKind Forced = Lsst.History.Single(k => k.Stored);
    private const string Bands = "ugrizy";

    // Rubin's ids are 18-digit integers (e.g. 170094456272322680); these stay 18 digits past 10^7 alerts.
    private long _sourceId = 170_100_000_000_000_000;
    private long _forcedId = 170_300_000_000_000_000;
    private long _asteroids;

    public Random Random => random;

    /// <summary>1–10 alerts of a static object, same-night pairs or 1–5 days apart; between nights 0–5 visits where it
    /// stayed below threshold add forced photometry only. The object is named after its first diaSource, as Rubin does.</summary>
    public List<Alert> Static(Alert template)
    {
        var (ra, dec) = UniformPosition();
        var objectId = NextSourceId();
        var (tnsName, tnsType) = random.NextDouble() < SyntheticRubin.TnsShare ? TnsCounterpart() : (null, null);
        var sourceTemplate = template.Measurements.First(m => m.Kind == Previous);
        var forcedTemplate = template.Measurements.First(m => m.Kind == Forced);
        var time = SyntheticRubin.FirstMjd + random.NextDouble() * 400;
        var first = time;
        List<Measurement> sources = [], forced = [];
        var alerts = new List<Alert>();
        var count = 1 + random.Next(10);
        for (var k = 0; k < count; k++)
        {
            if (k > 0)
            {
                var gap = random.NextDouble() < 0.5 ? 0.02 + random.NextDouble() * 0.02 : 1 + random.NextDouble() * 4;
                var quietVisits = gap >= 1 ? random.Next(6) : 0;
                for (var v = 1; v <= quietVisits; v++)
                {
                    var quiet = time + gap * v / (quietVisits + 1);
                    forced.Add(Point(forcedTemplate, Forced, NextForcedId(), objectId, ra, dec, quiet, random.NextSingle() * 300));
                }
                time += gap;
            }
            var id = k == 0 ? objectId : NextSourceId();
            var flux = 500 + random.NextSingle() * 20_000; // nJy
            var band = Bands[random.Next(Bands.Length)].ToString();
            var (sourceRa, sourceDec) = Near(ra, dec);
            forced.Add(Point(forcedTemplate, Forced, NextForcedId(), objectId, ra, dec, time, flux, band));

            var alert = Copy(template, id, sourceRa, sourceDec, time, band, flux);
            alert[C.DiaObjectId] = objectId;
            alert[C.ObjectRa] = ra;
            alert[C.ObjectDec] = dec;
            alert[C.ValidityStartMjdTai] = time + 0.002;
            alert[C.NDiaSources] = k + 1;
            alert[C.IsFirst] = k == 0;
            alert[C.FirstDiaSourceMjdTaiFink] = first;
            alert[C.XmTnsFullname] = tnsName;
            alert[C.XmTnsType] = tnsType;
            alert.Measurements.AddRange(sources); // instances shared between the object's alerts: they are equal anyway
            alert.Measurements.AddRange(forced);
            alerts.Add(alert);
            sources.Add(Point(sourceTemplate, Previous, id, objectId, sourceRa, sourceDec, time, flux, band));
        }
        return alerts;
    }

    /// <summary>1–4 alerts of an asteroid moving 0.1–0.5°/day, no object, no history (as Rubin sends them).</summary>
    public List<Alert> Asteroid(Alert template)
    {
        var (ra, dec) = UniformPosition();
        var unpacked = Designation(_asteroids++);
        var packed = MinorPlanetDesignation.Pack(unpacked)!;
        var heading = random.NextDouble() * 2 * Math.PI;
        var speed = 0.1 + random.NextDouble() * 0.4;
        var start = SyntheticRubin.FirstMjd + random.NextDouble() * 400;
        var time = start;
        var alerts = new List<Alert>();
        var count = 1 + random.Next(4);
        for (var k = 0; k < count; k++)
        {
            time += k == 0 ? 0 : random.NextDouble() < 0.5 ? 0.02 + random.NextDouble() * 0.02 : 1 + random.NextDouble() * 2;
            var moved = speed * (time - start);
            var alertDec = Math.Clamp(dec + moved * Math.Sin(heading), -90, 90);
            var alertRa = ((ra + moved * Math.Cos(heading) / Math.Max(0.01, Math.Cos(alertDec * Math.PI / 180))) % 360 + 360) % 360;
            var alert = Copy(template, NextSourceId(), alertRa, alertDec, time, Bands[random.Next(Bands.Length)].ToString(), 500 + random.NextSingle() * 5000);
            alert[C.SsObjectId] = SyntheticRubin.SsObjectId(packed);
            alert[C.Designation] = unpacked;
            alert[C.PackedPrimaryProvisionalDesignation] = packed;
            alert[C.UnpackedPrimaryProvisionalDesignation] = unpacked;
            alert[C.FirstDiaSourceMjdTaiFink] = time;
            alerts.Add(alert);
        }
        return alerts;
    }

    private static Alert Copy(Alert template, long id, double ra, double dec, double time, string band, float flux)
    {
        var alert = new Alert(Lsst);
        Array.Copy(template.Values, alert.Values, alert.Values.Length);
        alert[C.DiaSourceId] = id;
        alert[C.Ra] = ra;
        alert[C.Dec] = dec;
        alert[C.MidpointMjdTai] = time;
        alert[C.TimeProcessedMjdTai] = time + 0.0019;
        alert[C.Visit] = Visit(time);
        alert[C.Band] = band;
        alert[C.PsfFlux] = flux;
        alert[C.Pixel1024] = Healpix.PixelRing(1024, ra, dec);
        return alert;
    }

    /// <summary>A previous diaSource or a forced-photometry point, from the template's first of that kind.</summary>
    private static Measurement Point(Measurement template, HistoryKind kind, long id, long objectId, double ra, double dec, double time, float flux, string? band = null)
    {
        var point = new Measurement(kind);
        Array.Copy(template.Values, point.Values, point.Values.Length);
        var c = kind == Previous ? PreviousColumns : ForcedColumns;
        point[kind.Key!] = id;
        point[kind.ObjectId!] = objectId;
        point[c.Ra] = ra;
        point[c.Dec] = dec;
        point[kind.Time!] = time;
        point[c.Processed] = time + 0.0019;
        point[c.Visit] = Visit(time);
        point[c.Flux] = flux;
        point[c.Band] = band ?? Bands[(int)(time * 7) % Bands.Length].ToString();
        return point;
    }

    private static readonly PointColumns PreviousColumns = new(Previous.Catalog!), ForcedColumns = new(Forced.Catalog!);

    private sealed record PointColumns(AlertCatalog Catalog)
    {
        public ColumnDef Ra { get; } = Catalog.Get("r:ra");
        public ColumnDef Dec { get; } = Catalog.Get("r:dec");
        public ColumnDef Processed { get; } = Catalog.Get("r:timeProcessedMjdTai");
        public ColumnDef Visit { get; } = Catalog.Get("r:visit");
        public ColumnDef Flux { get; } = Catalog.Get("r:psfFlux");
        public ColumnDef Band { get; } = Catalog.Get("r:band");
    }

    private long NextSourceId() => _sourceId += 1 + random.Next(1 << 20);

    private long NextForcedId() => _forcedId += 1 + random.Next(1 << 20);

    /// <summary>Uniform on the sphere: RA uniform, sin(Dec) uniform.</summary>
    private (double Ra, double Dec) UniformPosition() => (random.NextDouble() * 360, Math.Asin(2 * random.NextDouble() - 1) * 180 / Math.PI);

    /// <summary>A diaSource within 0.1″ of the object's mean position.</summary>
    private (double Ra, double Dec) Near(double ra, double dec)
    {
        var step = 0.1 / 3600;
        var newDec = Math.Clamp(dec + (random.NextDouble() - 0.5) * 2 * step, -90, 90);
        var newRa = ra + (random.NextDouble() - 0.5) * 2 * step / Math.Max(0.01, Math.Cos(dec * Math.PI / 180));
        return ((newRa % 360 + 360) % 360, newDec);
    }

    private (string, string?) TnsCounterpart()
    {
        var letters = string.Concat(Enumerable.Range(0, 3).Select(_ => (char)('a' + random.Next(26))));
        return random.Next(3) == 0 ? ($"SN 2026{letters}", "SN Ia") : ($"AT 2026{letters}", null);
    }

    /// <summary>Rubin's visit id: the night (day_obs, UTC−12 h) as yyyyMMdd, then a 5-digit sequence number.</summary>
    private static long Visit(double mjd)
    {
        var night = Math.Floor(mjd - 0.5);
        var date = new DateTime(1858, 11, 17).AddDays(night);
        return (date.Year * 10_000L + date.Month * 100 + date.Day) * 100_000 + 1 + (long)((mjd - 0.5 - night) * 2000);
    }

    /// <summary>Distinct provisional designations (<c>2024 AB12</c>) for the first 3.7 million indexes.</summary>
    private static string Designation(long index)
    {
        const string halfMonths = "ABCDEFGHJKLMNOPQRSTUVWXY", letters = "ABCDEFGHJKLMNOPQRSTUVWXYZ";
        var count = index / 600 % 620;
        return $"{2020 + index / 372_000 % 10} {halfMonths[(int)(index % 24)]}{letters[(int)(index / 24 % 25)]}{(count == 0 ? "" : count.ToString())}";
    }

    /// <summary>The columns set per alert, looked up once.</summary>
    private static class C
    {
        public static readonly ColumnDef FirstDiaSourceMjdTaiFink = Lsst.Catalog.Get("f:firstDiaSourceMjdTaiFink");
        public static readonly ColumnDef IsFirst = Lsst.Catalog.Get("f:is_first");
        public static readonly ColumnDef Pixel1024 = Lsst.Catalog.Get("f:pixel1024");
        public static readonly ColumnDef XmTnsFullname = Lsst.Catalog.Get("f:xm_tns_fullname");
        public static readonly ColumnDef XmTnsType = Lsst.Catalog.Get("f:xm_tns_type");
        public static readonly ColumnDef ObjectDec = Lsst.Catalog.Get("o:dec");
        public static readonly ColumnDef ObjectRa = Lsst.Catalog.Get("o:ra");
        public static readonly ColumnDef Band = Lsst.Catalog.Get("r:band");
        public static readonly ColumnDef Dec = Lsst.Catalog.Get("r:dec");
        public static readonly ColumnDef Designation = Lsst.Catalog.Get("r:designation");
        public static readonly ColumnDef DiaObjectId = Lsst.Catalog.Get("r:diaObjectId");
        public static readonly ColumnDef DiaSourceId = Lsst.Catalog.Get("r:diaSourceId");
        public static readonly ColumnDef MidpointMjdTai = Lsst.Catalog.Get("r:midpointMjdTai");
        public static readonly ColumnDef NDiaSources = Lsst.Catalog.Get("r:nDiaSources");
        public static readonly ColumnDef PackedPrimaryProvisionalDesignation = Lsst.Catalog.Get("r:packed_primary_provisional_designation");
        public static readonly ColumnDef PsfFlux = Lsst.Catalog.Get("r:psfFlux");
        public static readonly ColumnDef Ra = Lsst.Catalog.Get("r:ra");
        public static readonly ColumnDef SsObjectId = Lsst.Catalog.Get("r:ssObjectId");
        public static readonly ColumnDef TimeProcessedMjdTai = Lsst.Catalog.Get("r:timeProcessedMjdTai");
        public static readonly ColumnDef UnpackedPrimaryProvisionalDesignation = Lsst.Catalog.Get("r:unpacked_primary_provisional_designation");
        public static readonly ColumnDef ValidityStartMjdTai = Lsst.Catalog.Get("r:validityStartMjdTai");
        public static readonly ColumnDef Visit = Lsst.Catalog.Get("r:visit");
    }
}
