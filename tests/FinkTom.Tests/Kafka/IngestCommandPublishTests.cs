using System.Diagnostics;
using System.Text.RegularExpressions;
using FinkTom.Ingest.Files;
using FinkTom.Livestream.Filters;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Kafka;

/// <summary>`finktom ingest PATH` as a real process: with Kafka output configured it publishes new matching alerts to the
/// filters' topics and says how many; a second run publishes nothing; a run killed before the broker acknowledged has
/// its alerts published by the next one; without Kafka it says nothing was published.</summary>
[Collection(KafkaCollection.Name)]
public sealed partial class IngestCommandPublishTests(KafkaBroker broker) : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task File_ingestion_publishes_matching_new_alerts_to_the_filter_topic_once_and_reports_it()
    {
        broker.SkipIfUnavailable();
        var folder = TestPaths.Sample("ztf");
        var filter = "cli_" + Guid.NewGuid().ToString("N")[..8];
        var data = Path.Combine(_work.Path, "data");
        Directory.CreateDirectory(data);
        // A user filter as the API would have saved it: bright g-band detections.
        await new FilterRepository(Path.Combine(data, "finktom.db"))
            .AddAsync(new FilterDefinition(filter, "magpsf lt 18.5 and fid eq 1", null, DateTimeOffset.UtcNow));
        var alerts = AlertFileFinder.Find([folder], _ => { }).SelectMany(f => new AlertFileReader().Read(f.FullName, _ => { }))
            .DistinctBy(a => a.Candid).ToList();
        var expected = alerts.Where(a => a["i:magpsf"] is float m && m < 18.5 && a["i:fid"] is 1).Select(a => a.Candid).ToHashSet();
        Assert.NotEmpty(expected);
        string[] kafka = ["--Kafka:BootstrapServers=" + broker.BootstrapServers,
            .. KafkaBroker.ClientSettings.Select(p => $"--Kafka:Client:{p.Key}={p.Value}")];

        var first = await RunAsync(["ingest", folder, "--data-dir", data, .. kafka]);
        var second = await RunAsync(["ingest", folder, "--data-dir", data, .. kafka]);

        Assert.True(first.ExitCode == 0, first.Out + first.Error);
        var (messages, topics) = Published(first.Out);
        var onTopic = broker.ReadTopic(LivestreamFilter.TopicFor(filter), expected.Count, TimeSpan.FromSeconds(2));
        Assert.True(expected.SetEquals(onTopic.Select(m => new FinkTom.Ingest.Decoding.AlertPayloadDecoder()
            .DecodeSchemaless(m.Message.Value, FinkTom.Kafka.Wire.FinkWireFormat.SchemaJson).Candid)));
        Assert.Equal(expected.Count, onTopic.Count);
        Assert.True(messages >= expected.Count && topics >= 1, first.Out); // built-in filters publish too
        Assert.True(File.Exists(Path.Combine(data, "livestream-outbox-ingest.db")));
        Assert.Equal(0, second.ExitCode);
        Assert.Equal((0, 0), Published(second.Out)); // all duplicates: nothing goes out again
        Assert.Equal(expected.Count, broker.ReadTopic(LivestreamFilter.TopicFor(filter), expected.Count, TimeSpan.FromSeconds(1)).Count);
    }

    [Fact]
    public async Task A_process_killed_after_storing_but_before_delivery_has_its_alerts_published_once_by_the_next_run()
    {
        broker.SkipIfUnavailable();
        var folder = TestPaths.Sample("ztf");
        var filter = "kill_" + Guid.NewGuid().ToString("N")[..8];
        var data = Path.Combine(_work.Path, "data");
        Directory.CreateDirectory(data);
        var database = Path.Combine(data, "finktom.db");
        await new FilterRepository(database).AddAsync(new FilterDefinition(filter, "magpsf gt 0", null, DateTimeOffset.UtcNow));
        var expected = AlertFileFinder.Find([folder], _ => { }).SelectMany(f => new AlertFileReader().Read(f.FullName, _ => { }))
            .Select(a => a.Candid).ToHashSet();
        string[] client = [.. KafkaBroker.ClientSettings.Select(p => $"--Kafka:Client:{p.Key}={p.Value}")];

        // First run: nothing listens at the broker address, so the process waits for acknowledgements that never
        // come; once every alert is in the store it is killed (SIGKILL: no shutdown code runs).
        var start = Start(["ingest", folder, "--data-dir", data, $"--Kafka:BootstrapServers=127.0.0.1:{LoopbackPort.Free()}", .. client]);
        using (var killed = Process.Start(start)!)
        {
            var store = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = database });
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await store.CountAsync(new FinkTom.Core.Query.AlertQuery()) < expected.Count && DateTime.UtcNow < deadline && !killed.HasExited)
                await Task.Delay(50);
            Assert.False(killed.HasExited, "the first run should still be waiting for the broker");
            killed.Kill(entireProcessTree: true);
            await killed.WaitForExitAsync();
        }

        var second = await RunAsync(["ingest", folder, "--data-dir", data, "--Kafka:BootstrapServers=" + broker.BootstrapServers, .. client]);

        Assert.True(second.ExitCode == 0, second.Out + second.Error);
        Assert.True(second.Out.Contains(" 0 stored,"), second.Out); // the store had them all...
        // ...and the outbox knew what was owed: every message of this run is one the killed run left (each alert to
        // this filter's topic, and to the built-in topics it matched).
        var (messages, _) = Published(second.Out);
        Assert.True(second.Out.Contains($"(including {messages} left undelivered by the previous run)") && messages >= expected.Count, second.Out);
        var onTopic = broker.ReadTopic(LivestreamFilter.TopicFor(filter), expected.Count, TimeSpan.FromSeconds(2));
        Assert.Equal(expected.Count, onTopic.Count);
        Assert.True(expected.SetEquals(onTopic.Select(m => new FinkTom.Ingest.Decoding.AlertPayloadDecoder()
            .DecodeSchemaless(m.Message.Value, FinkTom.Kafka.Wire.FinkWireFormat.SchemaJson).Candid)));
    }

    [Fact]
    public async Task Without_Kafka_file_ingestion_says_that_no_livestream_was_published()
    {
        var run = await RunAsync(["ingest", TestPaths.Sample("ztf"), "--data-dir", _work.Path]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("livestream: not published (no Kafka:BootstrapServers configured)", run.Out);
    }

    private static (int Messages, int Topics) Published(string output)
    {
        var match = PublishedLine().Match(output);
        Assert.True(match.Success, output);
        return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
    }

    [GeneratedRegex(@"livestream: published (\d+) messages to (\d+) topics")]
    private static partial Regex PublishedLine();

    private ProcessStartInfo Start(string[] args) => FinkTomProcess.StartInfo(_work.Path, args);

    private Task<FinkTomProcess.Run> RunAsync(string[] args) => FinkTomProcess.RunAsync(_work.Path, args, TimeSpan.FromMinutes(3));
}
