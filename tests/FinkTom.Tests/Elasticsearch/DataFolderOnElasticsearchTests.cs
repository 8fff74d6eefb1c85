using System.Diagnostics;
using FinkTom.Tests.Elasticsearch.StandIn;
using FinkTom.Tests.Kafka;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Elasticsearch;

/// <summary>
/// `--data-dir` places every file FinkTom writes, whatever the backend: with Elasticsearch holding the alerts and the
/// livestream filters, the Kafka outbox and the SSE replay journal still need local files, and they go to the data folder, never to the
/// working directory (regression: they went to ./finktom-data).
/// </summary>
public sealed class DataFolderOnElasticsearchTests : IAsyncLifetime
{
    private readonly TempDirectory _work = new();
    private readonly TempDirectory _data = new();
    private ElasticsearchStandIn _standIn = null!;

    public async ValueTask InitializeAsync() => _standIn = await ElasticsearchStandIn.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _standIn.DisposeAsync();
        _work.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task Serve_and_ingest_with_elasticsearch_write_every_file_under_the_data_dir_and_none_in_the_working_directory()
    {
        var port = LoopbackPort.Free();
        string[] elasticsearch = ["--Store:Backend=elasticsearch", $"--Store:Elasticsearch:Url={_standIn.Url}",
            "--Store:Elasticsearch:IndexPrefix=datadir", "--Store:Elasticsearch:Replicas=0"];
        // Kafka output to a broker that is not there: the outbox file is opened all the same.
        string[] kafka = [$"--Kafka:BootstrapServers=127.0.0.1:{LoopbackPort.Free()}",
            .. KafkaBroker.ClientSettings.Select(p => $"--Kafka:Client:{p.Key}={p.Value}")];

        using (var server = Process.Start(FinkTomProcess.StartInfo(_work.Path,
                   ["serve", "--urls", $"http://127.0.0.1:{port}", "--no-sample", "--data-dir", _data.Path, .. elasticsearch, .. kafka]))!)
        {
            _ = server.StandardOutput.ReadToEndAsync(); // drained, so that the process never blocks on a full pipe
            var errors = server.StandardError.ReadToEndAsync();
            try
            {
                await WaitForHealthAsync(server, port, errors);
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
        }
        var ingest = await FinkTomProcess.RunAsync(_work.Path, ["ingest", TestPaths.Sample("ztf"), "--data-dir", _data.Path, .. elasticsearch],
            TimeSpan.FromMinutes(2));

        Assert.True(ingest.ExitCode == 0, ingest.Out + ingest.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_work.Path, "*", SearchOption.AllDirectories));
        // The filters are kept in the cluster, where every instance on it finds them; no local filters database.
        Assert.False(File.Exists(Path.Combine(_data.Path, "livestream.db")), "no filters' database beside an Elasticsearch store");
        Assert.Contains("datadir-livestream-filters", _standIn.IndexNames);
        Assert.True(File.Exists(Path.Combine(_data.Path, "livestream-outbox.db")), "the Kafka outbox");
        // Rubin alerts stay in the embedded store until the Elasticsearch store learns their layout: that file is in the data folder too.
        Assert.True(File.Exists(Path.Combine(_data.Path, "finktom.db")), "the Rubin store");
    }

    private static async Task WaitForHealthAsync(Process server, int port, Task<string> errors)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited)
                Assert.Fail("finktom serve stopped: " + await errors);
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        Assert.Fail("finktom serve did not answer /health within 60 s");
    }
}
