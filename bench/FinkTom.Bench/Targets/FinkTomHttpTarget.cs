using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace FinkTom.Bench.Targets;

/// <summary>
/// `finktom serve` started as its own process on a loopback port, asked over HTTP exactly as a Fink client would.
/// Its peak resident memory is read from /proc when it stops.
/// </summary>
public sealed class FinkTomHttpTarget : IQueryTarget, IAsyncDisposable
{
    private readonly Process _server;
    private readonly HttpClient _http;

    private FinkTomHttpTarget(Process server, Uri baseAddress)
    {
        _server = server;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Name => "FinkTom over HTTP";

    public TimeSpan ServerCpu() => Measure.ProcessCpu.Of(_server.Id);

    public static async Task<FinkTomHttpTarget> StartAsync(string serverPath, string dataDir)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo(serverPath, ["serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir, "--no-sample"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var target = new FinkTomHttpTarget(process, new Uri($"http://127.0.0.1:{port}/"));
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await target._http.GetAsync("health")).IsSuccessStatusCode)
                    return target;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("finktom serve did not answer /health within 30 s");
    }

    public Task<int> ObjectAsync(string objectId) => Rows($"api/v1/objects?objectId={objectId}");

    public Task<int> ConeAsync(double ra, double dec, double radiusArcsec) =>
        Rows($"api/v1/conesearch?ra={F(ra)}&dec={F(dec)}&radius={F(radiusArcsec)}");

    public Task<int> LatestOfClassAsync(string className) => Rows($"api/v1/latests?class={Uri.EscapeDataString(className)}&n=100");

    public Task<int> DateWindowAsync(double startJd) => Rows($"api/v1/explorer?startdate={F(startJd)}&window=60");

    public Task<int> PageAsync(double fromJd) => Rows($"odata/Alerts?$filter=jd ge {F(fromJd)}&$orderby=jd&$top=1000", odata: true);

    /// <summary>Requests/s for object lookups from <paramref name="concurrency"/> concurrent clients, and the error count.</summary>
    public async Task<(double RequestsPerSecond, long Errors, long Requests)> LoadAsync(Func<int, string> objectId, int concurrency, TimeSpan duration)
    {
        long ok = 0, errors = 0;
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            var i = w * 100_003;
            while (stop.Elapsed < duration)
            {
                try
                {
                    using var response = await _http.GetAsync($"api/v1/objects?objectId={objectId(i++)}&columns=i:candid,i:jd,i:magpsf,i:fid");
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode == HttpStatusCode.OK)
                        Interlocked.Increment(ref ok);
                    else
                        Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        });
        await Task.WhenAll(workers);
        return ((ok + errors) / stop.Elapsed.TotalSeconds, errors, ok + errors);
    }

    /// <summary>A memory figure of the server from Linux /proc, in MiB: <c>VmHWM</c> (peak resident set, including
    /// pages of the database file the OS maps in) or <c>RssAnon</c> (resident private memory now: heap, caches).</summary>
    public double MemoryMiB(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_server.Id}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        return double.NaN;
    }

    /// <summary>GETs a table answer and counts its rows (a JSON list of records, or an OData page).</summary>
    internal async Task<int> Rows(string url, bool odata = false)
    {
        using var response = await _http.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{url}: HTTP {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        if (odata)
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.GetProperty("value").GetArrayLength();
        }
        var reader = new Utf8JsonReader(body);
        var rows = 0;
        while (reader.Read())
            if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 1)
                rows++;
        return rows;
    }

    internal static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
        _server.Dispose();
    }
}
