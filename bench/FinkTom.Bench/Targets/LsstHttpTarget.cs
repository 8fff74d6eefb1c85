using static FinkTom.Bench.Targets.FinkTomHttpTarget;

namespace FinkTom.Bench.Targets;

/// <summary>Fink's LSST API of a running <c>finktom serve</c> (<c>/lsst/api/v1</c>), asked as a Fink client would.</summary>
public sealed class LsstHttpTarget(FinkTomHttpTarget server) : ILsstQueryTarget
{
    public string Name => "LSST API over HTTP";

    public TimeSpan ServerCpu() => server.ServerCpu();

    public Task<int> SourcesAsync(string diaObjectId) => server.Rows($"lsst/api/v1/sources?diaObjectId={diaObjectId}");

    public Task<int> ConeAsync(double ra, double dec, double radiusArcsec) =>
        server.Rows($"lsst/api/v1/conesearch?ra={F(ra)}&dec={F(dec)}&radius={F(radiusArcsec)}");

    public Task<int> TagAsync(string tag, int n) => server.Rows($"lsst/api/v1/tags?tag={tag}&n={n}");
}
