using FinkTom.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace FinkTom.Tests.Portal;

/// <summary>
/// The real server on Kestrel (a loopback port, a real SQLite file with the sample alerts) and Debian's Chromium driven
/// by Playwright. Without a Chromium at <see cref="ChromiumPath"/> the browser tests skip, saying why; CI installs it.
/// Screenshots go to <c>artifacts/portal/</c> at the repository root.
/// </summary>
public sealed class PortalServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Debian's Chromium (apt-get install chromium); FINKTOM_CHROMIUM overrides it.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("FINKTOM_CHROMIUM") ?? "/usr/bin/chromium";

    private readonly TempDirectory _data = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = "";
    public string? SkipReason { get; private set; }
    public static string Artifacts { get; } = Path.Combine(TestPaths.RepoRoot, "artifacts", "portal");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Store:Sqlite:DatabasePath", Path.Combine(_data.Path, "finktom.db"));
        builder.UseSetting("Samples:Path", TestPaths.Samples);
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"No Chromium at {ChromiumPath}: install Debian's package (apt-get install chromium) or set FINKTOM_CHROMIUM. .ci/run installs it.";
            return;
        }
        var port = LoopbackPort.Free();
        UseKestrel(port);
        StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
        Directory.CreateDirectory(Artifacts);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in a container needs --no-sandbox; the network flags stop Chromium calling Google's services.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
        });
    }

    /// <summary>A fresh page (own context: no shared storage) at a desktop or phone size; skips the test without a browser.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool phone = false)
    {
        PortalBuild.RequireEmbedded();
        if (SkipReason is not null)
            Assert.Skip(SkipReason);
        var context = await _browser!.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = new() { Width = width, Height = height },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = 1,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        PageErrors[page] = errors;
        return page;
    }

    /// <summary>Uncaught script errors per page: a test asserts there were none.</summary>
    public Dictionary<IPage, List<string>> PageErrors { get; } = [];

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, name + ".png"), FullPage = true });

    /// <summary>
    /// An HTTP client on the same Kestrel server, to read the API's own answers as the reference. Without a browser the
    /// server is not started, so this skips the test as <see cref="NewPageAsync"/> does.
    /// </summary>
    public HttpClient Api()
    {
        if (SkipReason is not null)
            Assert.Skip(SkipReason);
        return new() { BaseAddress = new Uri(BaseUrl) };
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalServer>
{
    public const string Name = "Science Portal in Chromium";
}
