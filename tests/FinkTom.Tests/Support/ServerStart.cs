using FinkTom.Server.Hosting;

namespace FinkTom.Tests.Support;

/// <summary>
/// Starts the real composition (<see cref="FinkTomApp"/>) in-process with some settings and returns why it refused.
/// Not through WebApplicationFactory: when the host fails to start, its deferred host races the entry point's
/// disposal and may throw ObjectDisposedException instead of the reason.
/// </summary>
public static class ServerStart
{
    /// <summary>The settings problems the server names when it refuses to start (fails the test if it starts).</summary>
    public static async Task<string> RefusalAsync(params (string Key, string Value)[] settings)
    {
        using var data = new TempDirectory();
        string[] args =
        [
            "--environment=Testing",
            "--urls=http://127.0.0.1:0",
            $"--Store:Sqlite:DatabasePath={Path.Combine(data.Path, "finktom.db")}",
            "--Samples:IngestOnEmptyStore=false",
            .. settings.Select(s => $"--{s.Key}={s.Value}"),
        ];
        await using var app = FinkTomApp.Build(args);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(TestContext.Current.CancellationToken));
        var problems = ConfigurationProblems.Of(error);
        Assert.True(problems.Count > 0, $"The start failed for another reason than settings: {error}");
        return string.Join('\n', problems);
    }
}
