namespace FinkTom.Core.Surveys.Lsst.Tags;

/// <summary>
/// fink-filters' <c>compute_mc_sampling_flux_rate</c> for one alert (used by <c>b_mag_rate_mc_sampling</c>): 1000
/// Gaussian draws of the current and previous fluxes give draws of the flux rate (nJy/day); their mean and sample
/// standard deviation (ddof = 1) are returned.
/// </summary>
/// <remarks>
/// Fink draws from an unseeded generator, so an alert near a threshold may pass one night and fail the next. FinkTom
/// seeds the draws with the alert's id (SplitMix64 + Box–Muller, written here so no runtime change alters them): an
/// alert always gets the same answer, and it agrees with Fink's except where Fink's own answer is a coin toss (within
/// a few σ/√1000 of a cut).
/// </remarks>
public static class FluxRateSampling
{
    public const int Draws = 1000;

    /// <summary>Mean and standard deviation of the sampled rate between a previous and the current measurement.</summary>
    public static (double Mean, double StdDev) Sample(
        double flux, double fluxErr, double previousFlux, double previousFluxErr, double days, long seed)
    {
        var random = new Normals(seed);
        var rates = new double[Draws];
        for (var k = 0; k < Draws; k++)
        {
            var current = flux + random.Next() * fluxErr;
            var previous = previousFlux + random.Next() * previousFluxErr;
            rates[k] = (current - previous) / days;
        }
        var mean = rates.Average();
        var variance = rates.Sum(r => (r - mean) * (r - mean)) / (Draws - 1);
        return (mean, Math.Sqrt(variance));
    }

    /// <summary>Standard normal draws from a seeded SplitMix64 stream (Box–Muller, both values of each pair used).</summary>
    private sealed class Normals(long seed)
    {
        private ulong _state = unchecked((ulong)seed);
        private double? _spare;

        public double Next()
        {
            if (_spare is { } spare)
            {
                _spare = null;
                return spare;
            }
            var u1 = 1 - Uniform(); // (0, 1]: log never sees 0
            var u2 = Uniform();
            var radius = Math.Sqrt(-2 * Math.Log(u1));
            _spare = radius * Math.Sin(2 * Math.PI * u2);
            return radius * Math.Cos(2 * Math.PI * u2);
        }

        // [0, 1) with 53 random bits.
        private double Uniform() => (NextBits() >> 11) * (1.0 / (1UL << 53));

        private ulong NextBits()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
