using FinkTom.Server.Portal;

namespace FinkTom.Tests.Portal;

/// <summary>
/// The portal is embedded only when the build found Node.js and npm (src/FinkTom.Server/Portal/Portal.targets).
/// Without them the tests that need its pages skip with that reason; under CI, which installs Node.js, they run.
/// </summary>
internal static class PortalBuild
{
    public static bool IsEmbedded { get; } = new PortalFiles(typeof(PortalFiles).Assembly).HasIndex;

    public static void RequireEmbedded()
    {
        if (!IsEmbedded && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            Assert.Skip("The Science Portal was not built (no Node.js/npm when finktom was built); install Node.js 20+ and rebuild.");
    }
}
