using FinkTom.Server.Cli;

// finktom: `serve` runs the web service, `ingest` loads alert files, `--help` explains both.
return await FinkTomCli.RunAsync(args);

/// <summary>Entry point type, public for WebApplicationFactory-based tests.</summary>
public partial class Program;
