using FinkTom.Tests.Support;

namespace FinkTom.Tests.Cli;

/// <summary>The `finktom` executable as a user runs it: a real process, its exit code and what it prints.</summary>
public sealed class FinkTomCommandTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var run = await RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("finktom serve", run.Out);
        Assert.Contains("finktom ingest", run.Out);
    }

    [Fact]
    public async Task An_unknown_command_is_named_with_the_usage_and_exit_code_1()
    {
        var run = await RunAsync("sreve");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Unknown command 'sreve'", run.Error);
        Assert.Contains("Usage", run.Error);
    }

    [Fact]
    public async Task Invalid_settings_stop_serve_before_it_listens_with_each_key_named_and_no_stack_trace()
    {
        var run = await RunAsync("serve", "--urls", "http://127.0.0.1:0", "--no-sample", "--Store:Backend=elasticsearch",
            "--Store:Elasticsearch:Url=not a url", "--Store:Elasticsearch:Shards=0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the configuration is invalid", run.Error);
        Assert.Contains("Store:Elasticsearch:Url", run.Error);
        Assert.Contains("Store:Elasticsearch:Shards", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.DoesNotContain("Now listening", run.Out);
    }

    [Fact]
    public async Task A_bad_setting_is_reported_once_even_when_several_services_read_it()
    {
        var run = await RunAsync("serve", "--urls", "http://127.0.0.1:0", "--no-sample", "--Upstream:Url=ftp://example.org");

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Error.Split('\n'), line => line.Contains("Upstream:Url must be an absolute http(s) URL"));
    }

    [Fact]
    public async Task Ingest_reports_what_it_stored_and_a_second_run_finds_only_duplicates()
    {
        var folder = TestPaths.Sample("ztf");
        var first = await RunAsync("ingest", folder, "--data-dir", _work.Path);
        var second = await RunAsync("ingest", folder, "--data-dir", _work.Path);

        Assert.Equal(0, first.ExitCode);
        var stored = Count(first.Out, "alerts:", "stored");
        Assert.True(stored > 0, first.Out);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(0, Count(second.Out, "alerts:", "stored"));
        Assert.Equal(Count(second.Out, "alerts:", "read"), Count(second.Out, "alerts:", "duplicates"));
    }

    [Fact]
    public async Task Ingest_of_a_broken_file_names_it_exits_2_and_keeps_the_good_ones()
    {
        var good = TestPaths.Sample("ztf");
        var broken = _work.Write("truncated.avro", File.ReadAllBytes(Directory.EnumerateFiles(good, "*.avro", SearchOption.AllDirectories).First())[..300]);

        var run = await RunAsync("ingest", good, broken, "--data-dir", Path.Combine(_work.Path, "store"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("rejected:   " + broken, run.Out);
        Assert.True(Count(run.Out, "alerts:", "stored") > 0, run.Out);
    }

    [Fact]
    public async Task Kafka_ingest_checks_its_framing_settings_before_it_connects()
    {
        var unknown = await RunAsync("ingest", "--kafka", "127.0.0.1:9", "--topic", "t", "--framing", "ztf");
        var noSchemas = await RunAsync("ingest", "--kafka", "127.0.0.1:9", "--topic", "t", "--framing", "confluent", "--data-dir", _work.Path);

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("--framing is 'auto', 'container', 'fink' or 'confluent'.", unknown.Error);
        Assert.Equal(1, noSchemas.ExitCode);
        Assert.Contains("the configuration is invalid", noSchemas.Error);
        Assert.Contains("Kafka:Ingest:Framing confluent needs Kafka:Ingest:SchemaRegistryUrl or Kafka:Ingest:SchemaDirectory.", noSchemas.Error);
        Assert.DoesNotContain("   at ", noSchemas.Error);
    }

    [Fact]
    public async Task Kafka_ingest_refuses_a_topic_name_Kafka_would_refuse_before_it_connects()
    {
        var run = await RunAsync("ingest", "--kafka", "127.0.0.1:9", "--topic", "ztf/public");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--topic: 'ztf/public' is not a Kafka topic name: '/' is not allowed", run.Error);
    }

    /// <summary>The number before <paramref name="word"/> on the line starting with <paramref name="line"/>.</summary>
    private static int Count(string output, string line, string word)
    {
        var text = output.Split('\n').Single(l => l.StartsWith(line, StringComparison.Ordinal));
        var parts = text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        return int.Parse(parts[Array.IndexOf(parts, word) - 1]);
    }

    [Fact]
    public async Task Import_tns_reads_the_csv_or_its_zip_replaces_the_catalogue_and_refuses_other_files()
    {
        var csv = Path.Combine(_work.Path, "tns_public_objects.csv");
        await File.WriteAllTextAsync(csv, Tns.TnsSamples.Csv(Tns.TnsSamples.Catalogue));
        var zip = Path.Combine(_work.Path, "tns_public_objects.csv.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        await using (var entry = archive.CreateEntry("tns_public_objects.csv").Open())
            await entry.WriteAsync(await File.ReadAllBytesAsync(csv));
        var notTns = Path.Combine(_work.Path, "other.csv");
        await File.WriteAllTextAsync(notTns, "objectId,ra,dec\nZTF1,1,2\n");

        var fromCsv = await RunAsync("import-tns", csv, "--data-dir", _work.Path);
        var fromZip = await RunAsync("import-tns", zip, "--data-dir", _work.Path);
        var refused = await RunAsync("import-tns", notTns, "--data-dir", _work.Path);

        Assert.Equal(0, fromCsv.ExitCode);
        Assert.Contains("4 objects imported (2 classified, 5 internal names), 0 records skipped", fromCsv.Out);
        Assert.Equal(0, fromZip.ExitCode);
        Assert.Contains("4 objects imported", fromZip.Out);
        Assert.True(File.Exists(Path.Combine(_work.Path, "tns.db")));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("not TNS's public-objects CSV", refused.Error);
    }

    private Task<FinkTomProcess.Run> RunAsync(params string[] args) => FinkTomProcess.RunAsync(_work.Path, args, TimeSpan.FromMinutes(2));
}
