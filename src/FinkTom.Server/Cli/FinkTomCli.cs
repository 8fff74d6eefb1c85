using FinkTom.Server.Hosting;

namespace FinkTom.Server.Cli;

public static class FinkTomCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var app = FinkTomApp.Build(args);
        await app.RunAsync();
        return 0;
    }
}
