using System.Diagnostics;
using FinkTom.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FinkTom.Tests.Vo;

/// <summary>
/// The real server on Kestrel (a loopback port, a real SQLite file with the sample alerts) for the VO clients that run as
/// separate processes: Debian's python3-pyvo and STILTS. A test whose client is absent skips saying what to install;
/// under CI (<c>CI</c> set), where .ci/run installs both, it fails instead.
/// </summary>
public sealed class VoServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    public string BaseUrl { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Data:Directory", _data.Path);
        builder.UseSetting("Store:Sqlite:DatabasePath", Path.Combine(_data.Path, "finktom.db"));
        builder.UseSetting("Samples:Path", TestPaths.Samples);
    }

    public ValueTask InitializeAsync()
    {
        var port = LoopbackPort.Free();
        UseKestrel(port);
        StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
        return ValueTask.CompletedTask;
    }

    public HttpClient Api() => new() { BaseAddress = new Uri(BaseUrl) };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>Skips (or under CI fails) when a client is not installed.</summary>
    public static void Require(bool present, string what)
    {
        if (present)
            return;
        var reason = $"{what} is not installed: apt-get install {what} (.ci/run installs it).";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            Assert.Fail(reason);
        Assert.Skip(reason);
    }

    public static bool PyvoPresent => Run("/usr/bin/python3", ["-c", "import pyvo"], TimeSpan.FromSeconds(60)).GetAwaiter().GetResult().ExitCode == 0;

    public static bool StiltsPresent => File.Exists(Stilts);

    public const string Stilts = "/usr/bin/stilts";

    /// <summary>Runs a program to its end (killed after <paramref name="timeout"/>, with a TimeoutException); exit code -1 when
    /// it is not there.</summary>
    public static Task<FinkTomProcess.Run> Run(string program, IEnumerable<string> args, TimeSpan timeout)
    {
        if (!File.Exists(program))
            return Task.FromResult(new FinkTomProcess.Run(-1, "", $"{program} not found"));
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return FinkTomProcess.RunAsync(start, timeout);
    }
}

[CollectionDefinition(Name)]
public sealed class VoServerCollection : ICollectionFixture<VoServer>
{
    public const string Name = "FinkTom VO services on Kestrel";
}
