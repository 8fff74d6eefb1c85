using FinkTom.Core.Model;
using FinkTom.Core.Science;

namespace FinkTom.Tests.Support;

/// <summary>Builds synthetic alerts for store tests where exact positions, times and values must be controlled.</summary>
public static class TestAlerts
{
    public static Alert Make(long candid, string objectId, double jd, double ra, double dec,
        float magpsf = 18f, int fid = 1, string? cdsxmatch = null, string? ssnamenr = null, double? rfSnIa = null,
        int? ndethist = 3, double? jdstarthist = null, AlertCutouts? cutouts = null)
    {
        var alert = new Alert();
        alert["i:candid"] = candid;
        alert["i:objectId"] = objectId;
        alert["i:jd"] = jd;
        alert["i:ra"] = ra;
        alert["i:dec"] = dec;
        alert["i:magpsf"] = magpsf;
        alert["i:sigmapsf"] = 0.1f;
        alert["i:fid"] = fid;
        alert["i:ndethist"] = ndethist;
        alert["i:jdstarthist"] = jdstarthist ?? jd - 10;
        alert["i:drb"] = 0.9f;
        alert["i:classtar"] = 0.8f;
        alert["i:ssnamenr"] = ssnamenr ?? "null";
        alert["d:cdsxmatch"] = cdsxmatch;
        alert["d:rf_snia_vs_nonia"] = rfSnIa;
        alert["d:roid"] = ssnamenr is null ? 0 : 3;
        alert["d:classification"] = FinkClassifier.Classify(alert);
        alert.Cutouts = cutouts;
        return alert;
    }

    /// <summary>
    /// A deterministic cloud of alerts over the whole sky with extra density at the poles and across RA 0/360,
    /// several alerts per object, varied magnitudes, classes and SSO names.
    /// </summary>
    public static List<Alert> Sky(int objects, int seed = 42)
    {
        var random = new Random(seed);
        var alerts = new List<Alert>();
        long candid = 1_000_000_000_000_000_000;
        string[] classes = ["Unknown", "RRLyr", "QSO", "EB*", "Unknown"];
        for (var o = 0; o < objects; o++)
        {
            var (ra, dec) = (o % 5) switch
            {
                0 => (random.NextDouble() * 360, random.NextDouble() * 10 + 80),        // north polar cap
                1 => (random.NextDouble() * 360, -90 + random.NextDouble() * 10),       // south polar cap
                2 => ((random.NextDouble() * 4 + 358) % 360, random.NextDouble() * 20 - 10), // RA 0/360 seam
                _ => (random.NextDouble() * 360, Math.Asin(random.NextDouble() * 2 - 1) * 180 / Math.PI),
            };
            var objectId = $"ZTF{20 + o % 6}test{o:D5}";
            var perObject = 1 + o % 4;
            var jd0 = 2459000.5 + random.Next(0, 400);
            for (var k = 0; k < perObject; k++)
            {
                var jitter = 0.3 / 3600;
                alerts.Add(Make(candid++, objectId, jd0 + k * 1.7 + random.NextDouble() * 0.1,
                    (ra + random.NextDouble() * jitter + 360) % 360, Math.Clamp(dec + random.NextDouble() * jitter, -90, 90),
                    magpsf: 15 + (float)random.NextDouble() * 6, fid: 1 + k % 2,
                    cdsxmatch: classes[o % classes.Length], ssnamenr: o % 17 == 0 ? (1000 + o).ToString() : null,
                    rfSnIa: o % 3 == 0 ? null : Math.Round(random.NextDouble(), 1), ndethist: random.Next(1, 40), jdstarthist: jd0 - 5));
            }
        }
        return alerts;
    }
}
