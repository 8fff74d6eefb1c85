namespace FinkTom.Ingest.Pipeline;

/// <summary>Settings of an <see cref="AlertIngestionPipeline"/> run.</summary>
public sealed record IngestionOptions
{
    /// <summary>Alerts per <c>IAlertWriter.WriteAsync</c> call. An alert with its cutouts and history is ~60 kB, and
    /// up to three batches are in memory at once (one being filled, one queued, one being written).</summary>
    public int BatchSize { get; init; } = 1000;
}
