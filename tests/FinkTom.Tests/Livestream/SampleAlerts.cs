using FinkTom.Core.Model;
using FinkTom.Ingest.Files;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Livestream;

/// <summary>The bundled real ZTF sample alerts as decoded from their files (with history and cutouts), one per candid.</summary>
public static class SampleAlerts
{
    private static readonly Lazy<IReadOnlyList<Alert>> Cache = new(() =>
        AlertFileFinder.Find(TestPaths.ZtfSamples, _ => { })
            .SelectMany(f => new AlertFileReader().Read(f.FullName, _ => { }))
            .DistinctBy(a => a.Candid).ToList());

    public static IReadOnlyList<Alert> All => Cache.Value;
}
