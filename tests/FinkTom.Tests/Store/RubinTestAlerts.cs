using FinkTom.Core.Model;
using FinkTom.Core.Sky;
using FinkTom.Core.Surveys;

namespace FinkTom.Tests.Store;

/// <summary>Synthetic Rubin alerts for store tests: ids above 2^53 (a double would round them), objects of several
/// alerts that repeat their forced photometry, cutouts, asteroid alerts without an object, some with a TNS tag.</summary>
public static class RubinTestAlerts
{
    private static readonly HistoryKind Forced = Survey.Lsst.History.Single(k => k.Stored);

    public static List<Alert> Sky(int objects, int asteroids, int seed = 14)
    {
        var random = new Random(seed);
        var alerts = new List<Alert>();
        long sourceId = 170_094_456_272_322_681L;
        for (var o = 0; o < objects; o++)
        {
            var objectId = 313_893_023_095_193_659L + o * 7919L;
            // Half the objects within 20° of the first one, so that cones hold several.
            var (ra, dec) = o % 2 == 0 ? (40 + random.NextDouble() * 10, -30 + random.NextDouble() * 10) : (random.NextDouble() * 360, random.NextDouble() * 120 - 60);
            var measurements = new List<Measurement>();
            var count = 1 + random.Next(4);
            for (var i = 0; i < count; i++)
            {
                var time = 61000 + o + i * 0.7;
                var point = new Measurement(Forced);
                point["r:diaForcedSourceId"] = objectId * 10 + i;
                point["r:diaObjectId"] = objectId;
                point["r:midpointMjdTai"] = time - 0.01;
                point["r:ra"] = ra;
                point["r:dec"] = dec;
                point["r:visit"] = 2026030500055L + i;
                point["r:detector"] = 140;
                point["r:psfFlux"] = (float)(random.NextDouble() * 1000);
                point["r:band"] = "ugrizy"[i % 6].ToString();
                point["r:timeProcessedMjdTai"] = time;
                measurements.Add(point);
                var alert = Make(sourceId++, objectId, time, ra + i * 1e-5, dec);
                alert.Measurements.AddRange(measurements); // every alert repeats the object's forced photometry so far
                alert["f:xm_tns_fullname"] = o % 5 == 0 ? $"SN 2026a{o}" : null;
                alert["t:in_tns"] = o % 5 == 0;
                alert.Cutouts = new AlertCutouts([1, 2, (byte)i], [3, 4], [5, (byte)o]);
                alerts.Add(alert);
            }
        }
        for (var a = 0; a < asteroids; a++)
        {
            var alert = Make(sourceId++, null, 61050 + a * 0.3, random.NextDouble() * 360, random.NextDouble() * 40 - 20);
            alert["r:ssObjectId"] = 21_163_624_394_469_969L + a % 3;
            alert["r:packed_primary_provisional_designation"] = $"K04J1{a % 3}Q";
            alert["f:is_sso"] = true;
            alerts.Add(alert);
        }
        return alerts;
    }

    private static Alert Make(long id, long? objectId, double time, double ra, double dec)
    {
        var alert = new Alert(Survey.Lsst);
        alert["r:diaSourceId"] = id;
        alert["r:diaObjectId"] = objectId;
        alert["r:midpointMjdTai"] = time;
        alert["r:ra"] = ra;
        alert["r:dec"] = dec;
        alert["r:band"] = "r";
        alert["r:psfFlux"] = 1234.5f;
        alert["f:pixel1024"] = Healpix.PixelRing(1024, ra, dec);
        alert["t:in_tns"] = false;
        return alert;
    }
}
