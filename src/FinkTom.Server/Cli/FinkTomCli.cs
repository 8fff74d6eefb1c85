using FinkTom.Server.Hosting;

namespace FinkTom.Server.Cli;

/// <summary>The `finktom` command line: `serve`, `ingest`, `--help`.</summary>
public static class FinkTomCli
{
    public const string Usage = """
        finktom — a self-hosted, Fink-compatible astronomical alert broker

        Usage:
          finktom serve [--urls URL] [--data-dir DIR] [--no-sample]
              Run the web service (default http://127.0.0.1:5080; files in ./finktom-data, or DIR).
              On first start with an empty store, ingest the bundled sample alerts unless --no-sample.
          finktom ingest PATH... [--data-dir DIR] [--batch-size N]
              Ingest Avro alert files or folders (recursively): ZTF's and Fink's, Rubin's own (lsst.v10_0,
              lsst.v11_0) and Fink-processed Rubin alerts, each into its survey's store. Prints files, alerts read, stored,
              duplicates and rejected files with reasons. Exit code 2 when some input was rejected.
              With Kafka output configured (--Kafka:BootstrapServers=HOST:PORT, as for serve), new alerts
              matching a filter are published to its topic; the summary says how many went out.
          finktom ingest --kafka BOOTSTRAP --topic T [--topic T2...] [--group G] [--start-at earliest|latest]
                         [--idle-exit SECONDS] [--data-dir DIR]
                         [--framing auto|container|fink|confluent] [--schema-registry URL] [--schema-dir DIR]
              Consume alert topics (ZTF's stream, Fink livestream topics, Rubin's stream) into the store until
              Ctrl-C (or SECONDS without a message). Offsets are committed after the alerts are stored.
              Rubin's Confluent-framed values need their schemas: a schema registry
              (https://usdf-alert-schemas-dev.slac.stanford.edu) or a folder of .avsc files.
          finktom import-tns PATH [--data-dir DIR]
              Import TNS's public-objects catalogue (tns_public_objects.csv, or its .zip) for /api/v1/resolver
              (resolver=tns) and the d:tns of raw ZTF alerts ingested from then on. Re-running it refreshes it.
          finktom --help
              Show this text.

        The REST APIs (Fink's ZTF API at /api/v1, Fink's LSST API at /lsst/api/v1) are documented at
        /openapi/v1.json and in the README.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return await RunCommandAsync(args);
        }
        catch (Exception error) when (ConfigurationProblems.Of(error) is { Count: > 0 } problems)
        {
            // A settings mistake is the user's to fix: say which keys and why, not a stack trace.
            Console.Error.WriteLine("finktom: the configuration is invalid:");
            foreach (var failure in problems)
                Console.Error.WriteLine($"  - {failure}");
            Console.Error.WriteLine("Fix these settings (appsettings.json, environment variables such as Store__Backend, or --Key=value) and start again.");
            return 1;
        }
    }

    private static async Task<int> RunCommandAsync(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case null or "help" or "--help" or "-h" or "-?":
                Console.WriteLine(Usage);
                return 0;
            case "ingest":
                return await IngestCommand.RunAsync(args[1..]);
            case "import-tns":
                return await ImportTnsCommand.RunAsync(args[1..]);
            case "serve":
                return await ServeAsync(args[1..]);
            case var option when option.StartsWith('-'):
                // Host-style arguments alone (e.g. from WebApplicationFactory or `finktom --urls ...`): serve.
                return await ServeAsync(args);
            case var unknown:
                Console.Error.WriteLine($"Unknown command '{unknown}'.\n\n{Usage}");
                return 1;
        }
    }

    private static async Task<int> ServeAsync(string[] args)
    {
        if (!HostArguments.TryTranslate(args, allowNoSample: true, out var hostArgs, out var positional, out var error) || positional.Count > 0)
        {
            error ??= $"serve takes no argument '{positional[0]}'.";
            Console.Error.WriteLine($"{error}\n\n{Usage}");
            return 1;
        }
        var app = FinkTomApp.Build(hostArgs);
        await app.RunAsync();
        return 0;
    }
}
