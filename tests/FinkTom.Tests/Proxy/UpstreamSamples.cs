using FinkTom.Tests.Support;

namespace FinkTom.Tests.Proxy;

/// <summary>
/// Upstream answers made of real alerts: what a Fink-compatible server (FinkTom on the bundled samples) answers,
/// so the mocked upstream serves real ZTF values in the documented shape (FakeFinkUpstream also checks them against
/// the contract before serving them).
/// </summary>
public static class UpstreamSamples
{
    public const string ObjectId = "ZTF19acihgng";

    public static async Task<string> ObjectsWithUpperLimits(FinkTomFactory samples, string objectId = ObjectId) =>
        await samples.CreateClient().GetStringAsync($"/api/v1/objects?objectId={objectId}&withupperlim=True");

    public static async Task<(double Ra, double Dec, string Json)> ConeAround(FinkTomFactory samples, string objectId = ObjectId)
    {
        var alert = (await samples.AllAlertsAsync()).Where(a => a.ObjectId == objectId).MaxBy(a => a.Jd)!;
        var json = await samples.CreateClient().GetStringAsync(FormattableString.Invariant(
            $"/api/v1/conesearch?ra={alert.Ra}&dec={alert.Dec}&radius=30"));
        return (alert.Ra, alert.Dec, json);
    }
}
