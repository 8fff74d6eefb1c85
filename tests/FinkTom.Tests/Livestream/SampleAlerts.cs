using FinkTom.Core.Model;
using FinkTom.Ingest.Files;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Livestream;

/// <summary>The bundled real ZTF sample alerts as decoded from their files (with history and cutouts), one per candid.</summary>
public static class SampleAlerts
{
    private static readonly Lazy<IReadOnlyList<Alert>> Cache = new(Read);

    public static IReadOnlyList<Alert> All => Cache.Value;

    /// <summary>A new copy of <see cref="All"/>, for a test that changes alerts (e.g. validates them in place).</summary>
    public static IReadOnlyList<Alert> Read() =>
        AlertFileFinder.Find(TestPaths.ZtfSamples, _ => { })
            .SelectMany(f => new AlertFileReader().Read(f.FullName, _ => { }))
            .DistinctBy(a => a.Candid).ToList();
}
