using FinkTom.Core.Model;
using FinkTom.Core.Science;

namespace FinkTom.Bench.OData;

/// <summary>
/// Alerts as wide as real ones: every catalogue column gets a plausible value of its type, so pages weigh what
/// real pages weigh. Objects get 1 to 8 alerts each, spread over the sky and over 400 nights; ids are unique.
/// </summary>
internal static class SyntheticAlerts
{
    private static readonly string[] Classes = ["Unknown", "SN candidate", "RRLyr", "QSO", "EB*", "Early SN Ia candidate", "Solar System MPC"];

    public static IEnumerable<Alert> Generate(int count, int seed = 1)
    {
        var random = new Random(seed);
        long candid = 2_000_000_000_000_000_000;
        var made = 0;
        for (var o = 0; made < count; o++)
        {
            var ra = random.NextDouble() * 360;
            var dec = Math.Asin(random.NextDouble() * 2 - 1) * 180 / Math.PI;
            var jd0 = 2459000.5 + random.Next(0, 400);
            var objectId = $"ZTF{20 + o % 6}{o:x9}";
            for (var k = 0; k < 1 + o % 8 && made < count; k++, made++)
            {
                var alert = new Alert();
                foreach (var column in ColumnCatalog.Stored)
                    alert.Values[column.Ordinal] = Value(column.Type, random);
                alert["i:candid"] = candid++;
                alert["i:objectId"] = objectId;
                alert["i:jd"] = jd0 + k * 1.3 + random.NextDouble() * 0.1;
                alert["i:jdstarthist"] = jd0 - 3;
                alert["i:ra"] = (ra + random.NextDouble() / 3600 + 360) % 360;
                alert["i:dec"] = Math.Clamp(dec + random.NextDouble() / 3600, -90, 90);
                alert["i:fid"] = 1 + k % 2;
                alert["i:magpsf"] = 15 + (float)random.NextDouble() * 6;
                alert["i:ssnamenr"] = "null";
                alert["d:cdsxmatch"] = Classes[o % Classes.Length];
                alert["d:classification"] = Classes[o % Classes.Length];
                yield return alert;
            }
        }
    }

    private static object? Value(ColumnType type, Random random) => type switch
    {
        ColumnType.Int => random.Next(0, 1000),
        ColumnType.Long => random.NextInt64(1, long.MaxValue),
        ColumnType.Float => (float)(random.NextDouble() * 100),
        ColumnType.Double => random.NextDouble() * 100,
        ColumnType.Bool => random.Next(2) == 0,
        _ => "v" + random.Next(0, 100_000),
    };
}
