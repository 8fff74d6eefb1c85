namespace FinkTom.Core.Science;

/// <summary>A point of one object's light curve, as the colour/rate computation needs it.</summary>
public readonly record struct Photometry(double Jd, int Fid, double Mag, double Sigma);

/// <summary>The six <c>v:</c> colour and rate values of contract §1.8 for one point; null where undefined.</summary>
public sealed record ColorRate(double? Rate, double? SigmaRate, double? GMinusR, double? SigmaGMinusR, double? RateGMinusR, double? SigmaRateGMinusR)
{
    public static ColorRate None { get; } = new(null, null, null, null, null, null);
}

/// <summary>
/// Fink's <c>extract_rate_and_color</c> (contract §1.8) over one object's points: the rate is the magnitude change
/// per day since the previous point of the same filter; the colour pairs each g point with the nearest r point
/// within 0.3 d, its rate is the change per day between consecutive pairs, and every point takes the values of
/// the nearest pair within 0.3 d.
/// </summary>
public static class ColorRateCalculator
{
    public const double Tolerance = 0.3;

    /// <summary>Values for each input point, in input order.</summary>
    public static ColorRate[] Compute(IReadOnlyList<Photometry> points)
    {
        var order = Enumerable.Range(0, points.Count).OrderBy(i => points[i].Jd).ToArray();
        var rates = new (double? Rate, double? Sigma)[points.Count];
        var lastByFilter = new Dictionary<int, int>();
        foreach (var i in order)
        {
            var p = points[i];
            if (lastByFilter.TryGetValue(p.Fid, out var j) && p.Jd > points[j].Jd)
            {
                var dt = p.Jd - points[j].Jd;
                rates[i] = ((p.Mag - points[j].Mag) / dt, Math.Sqrt(p.Sigma * p.Sigma + points[j].Sigma * points[j].Sigma) / dt);
            }
            lastByFilter[p.Fid] = i;
        }

        var pairs = ColourPairs(points, order);
        var result = new ColorRate[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            var pair = Nearest(pairs, points[i].Jd);
            result[i] = new ColorRate(rates[i].Rate, rates[i].Sigma, pair?.Colour, pair?.Sigma, pair?.Rate, pair?.SigmaRate);
        }
        return result;
    }

    private sealed record Pair(double Jd, double Colour, double Sigma, double? Rate, double? SigmaRate);

    private static List<Pair> ColourPairs(IReadOnlyList<Photometry> points, int[] order)
    {
        var g = order.Where(i => points[i].Fid == 1).Select(i => points[i]).ToList();
        var r = order.Where(i => points[i].Fid == 2).Select(i => points[i]).ToList();
        var pairs = new List<Pair>();
        foreach (var gp in g)
        {
            Photometry? best = null;
            foreach (var rp in r)
                if (Math.Abs(rp.Jd - gp.Jd) <= Tolerance && (best is null || Math.Abs(rp.Jd - gp.Jd) < Math.Abs(best.Value.Jd - gp.Jd)))
                    best = rp;
            if (best is not { } match)
                continue;
            var colour = gp.Mag - match.Mag;
            var sigma = Math.Sqrt(gp.Sigma * gp.Sigma + match.Sigma * match.Sigma);
            double? rate = null, sigmaRate = null;
            if (pairs.Count > 0 && gp.Jd > pairs[^1].Jd)
            {
                var previous = pairs[^1];
                var dt = gp.Jd - previous.Jd;
                rate = (colour - previous.Colour) / dt;
                sigmaRate = Math.Sqrt(sigma * sigma + previous.Sigma * previous.Sigma) / dt;
            }
            pairs.Add(new Pair(gp.Jd, colour, sigma, rate, sigmaRate));
        }
        return pairs;
    }

    private static Pair? Nearest(List<Pair> pairs, double jd)
    {
        Pair? best = null;
        foreach (var pair in pairs)
            if (Math.Abs(pair.Jd - jd) <= Tolerance && (best is null || Math.Abs(pair.Jd - jd) < Math.Abs(best.Jd - jd)))
                best = pair;
        return best;
    }
}
