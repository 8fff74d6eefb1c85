using FinkTom.Ingest.Files;

namespace FinkTom.Ingest.Pipeline;

/// <summary>The outcome of an ingestion run.</summary>
/// <param name="FilesFound">Files found from the given paths.</param>
/// <param name="FilesRead">Files read to their end (records rejected one by one do not stop a file).</param>
/// <param name="FilesRejected">Files given up: not Avro, truncated, corrupt, not alerts, unreadable, or missing paths.</param>
/// <param name="AlertsRead">Alerts decoded (including those kept from files that broke off later).</param>
/// <param name="Stored">Alerts the store newly stored.</param>
/// <param name="Duplicates">Alerts the store already had (same candid).</param>
/// <param name="Rejections">Every problem, each with its file and reason.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
public sealed record IngestionReport(
    int FilesFound,
    int FilesRead,
    int FilesRejected,
    long AlertsRead,
    long Stored,
    long Duplicates,
    IReadOnlyList<IngestRejection> Rejections,
    TimeSpan Elapsed)
{
    /// <summary>Records that were Avro but not usable alerts.</summary>
    public long AlertsRejected => Rejections.Count(r => !r.IsWholeFile);

    public double AlertsPerSecond => Elapsed > TimeSpan.Zero ? AlertsRead / Elapsed.TotalSeconds : 0;
}
