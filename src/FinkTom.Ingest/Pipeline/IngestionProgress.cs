namespace FinkTom.Ingest.Pipeline;

/// <summary>
/// A snapshot of an ingestion in progress, reported after each file and each stored batch. Bytes are the sizes of
/// the files finished so far: the natural measure for a progress bar (file sizes are known up front).
/// </summary>
public readonly record struct IngestionProgress(
    int FilesDone,
    int FilesTotal,
    long BytesDone,
    long BytesTotal,
    long AlertsRead,
    long Stored,
    long Duplicates,
    int Rejections,
    string? CurrentFile)
{
    /// <summary>Fraction done in [0, 1], by bytes.</summary>
    public double Fraction => BytesTotal > 0 ? (double)BytesDone / BytesTotal : FilesTotal > 0 ? (double)FilesDone / FilesTotal : 1;
}
