using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FinkTom.Tests.Support;

/// <summary>The `finktom` executable the test project references, run as a user runs it: a real process.</summary>
public static class FinkTomProcess
{
    public sealed record Run(int ExitCode, string Out, string Error);

    /// <summary>Through the dotnet host, so no apphost is needed; output and errors redirected.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "finktom.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>Runs to the end (killed, with a <see cref="TimeoutException"/>, after <paramref name="timeout"/>).</summary>
    public static Task<Run> RunAsync(string workingDirectory, IEnumerable<string> args, TimeSpan timeout) =>
        RunAsync(StartInfo(workingDirectory, args), timeout);

    /// <summary>Any program (output and errors redirected) run to its end, killed with a <see cref="TimeoutException"/> after
    /// <paramref name="timeout"/>.</summary>
    public static async Task<Run> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not end within {timeout}: {await output}");
        }
        return new Run(process.ExitCode, await output, await error);
    }
}

/// <summary>A loopback TCP port free right now (for servers the tests start).</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
