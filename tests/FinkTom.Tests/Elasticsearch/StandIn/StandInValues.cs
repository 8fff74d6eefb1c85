using System.Globalization;
using System.Text.Json;

namespace FinkTom.Tests.Elasticsearch.StandIn;

/// <summary>
/// Field values as Elasticsearch indexes and compares them, per mapping type: a <c>float</c> field holds a float (and a
/// query constant is rounded to a float before comparing), integers must be whole, a <c>geo_point</c> is rounded to
/// Lucene's 32-bit latitude/longitude grid (<c>GeoEncodingUtils</c>), <c>keyword</c>s compare as byte strings.
/// </summary>
public static class StandInValues
{
    public readonly record struct GeoPoint(double Lat, double Lon);

    private const double LatDecode = 180.0 / 4294967296.0;
    private const double LonDecode = 360.0 / 4294967296.0;

    public static object Index(string type, JsonElement value) => type switch
    {
        "geo_point" => Quantize(value.GetProperty("lat").GetDouble(), value.GetProperty("lon").GetDouble()),
        "binary" => Convert.FromBase64String(value.GetString()!).Length,
        _ => Query(type, value),
    };

    /// <summary>A constant from a query, converted to the field's type as Elasticsearch parses it.</summary>
    public static object Query(string type, JsonElement value) => type switch
    {
        "float" => (double)(float)Number(value),
        "double" => Number(value),
        "integer" => Whole(value, int.MinValue, int.MaxValue),
        "long" => Whole(value, long.MinValue, long.MaxValue),
        "boolean" => value.ValueKind == JsonValueKind.String ? bool.Parse(value.GetString()!) : value.GetBoolean(),
        "keyword" => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(),
        // A date is held as milliseconds since the epoch; ISO 8601 text or a number of milliseconds.
        "date" => value.ValueKind == JsonValueKind.Number ? value.GetInt64()
            : DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds(),
        _ => throw new InvalidOperationException($"field type [{type}] cannot be searched this way"),
    };

    /// <summary>A range bound: for a float field, gt/lt move to the next float up/down (Elasticsearch's FLOAT.rangeQuery).</summary>
    public static object Bound(string type, JsonElement value, bool lower, bool inclusive)
    {
        var parsed = Query(type, value);
        if (inclusive)
            return parsed;
        return (type, parsed) switch
        {
            ("float", double f) => (double)(lower ? MathF.BitIncrement((float)f) : MathF.BitDecrement((float)f)),
            ("double", double d) => lower ? Math.BitIncrement(d) : Math.BitDecrement(d),
            (_, long l) => lower ? l + 1 : l - 1,
            _ => parsed, // keywords: handled by the caller with a strict comparison
        };
    }

    public static int Compare(object a, object b) => (a, b) switch
    {
        (double x, double y) => x.CompareTo(y),
        (long x, long y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        (bool x, bool y) => x.CompareTo(y),
        (long x, double y) => ((double)x).CompareTo(y),
        (double x, long y) => x.CompareTo((double)y),
        _ => throw new InvalidOperationException($"cannot compare {a.GetType().Name} with {b.GetType().Name}"),
    };

    public static GeoPoint Quantize(double lat, double lon)
    {
        if (lat is < -90 or > 90 || lon is < -180 or > 180)
            throw new FormatException($"illegal latitude/longitude {lat}, {lon}");
        var encodedLat = (int)Math.Floor((lat == 90 ? Math.BitDecrement(lat) : lat) / LatDecode);
        var encodedLon = (int)Math.Floor((lon == 180 ? Math.BitDecrement(lon) : lon) / LonDecode);
        return new GeoPoint(encodedLat * LatDecode, encodedLon * LonDecode);
    }

    /// <summary>Haversine distance in metres on the sphere Elasticsearch uses for <c>arc</c> distances.</summary>
    public static double ArcMeters(double lat1, double lon1, double lat2, double lon2)
    {
        const double radius = 6_371_008.7714;
        var (p1, p2) = (lat1 * Math.PI / 180, lat2 * Math.PI / 180);
        var dp = p2 - p1;
        var dl = (lon2 - lon1) * Math.PI / 180;
        var h = Math.Sin(dp / 2) * Math.Sin(dp / 2) + Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2);
        return 2 * radius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>"1234.5m", "12km" or a number of metres.</summary>
    public static double Meters(JsonElement distance)
    {
        if (distance.ValueKind == JsonValueKind.Number)
            return distance.GetDouble();
        var text = distance.GetString()!;
        return text.EndsWith("km", StringComparison.Ordinal) ? double.Parse(text[..^2], CultureInfo.InvariantCulture) * 1000
            : text.EndsWith('m') ? double.Parse(text[..^1], CultureInfo.InvariantCulture)
            : double.Parse(text, CultureInfo.InvariantCulture);
    }

    private static double Number(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture)
        : value.GetDouble();

    private static long Whole(JsonElement value, long min, long max)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var whole) && whole >= min && whole <= max)
            return whole;
        throw new FormatException($"Value [{value.GetRawText()}] is not a whole number in range");
    }
}
