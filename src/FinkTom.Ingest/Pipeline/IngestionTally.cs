namespace FinkTom.Ingest.Pipeline;

/// <summary>Running counts of one ingestion, updated by the reading and the writing side concurrently.</summary>
internal sealed class IngestionTally(int filesTotal, long bytesTotal)
{
    private readonly Lock _reporting = new();
    private int _filesDone, _filesRead, _filesRejected, _rejections;
    private long _bytesDone, _alertsRead, _stored, _duplicates;
    private volatile string? _currentFile;

    public int FilesRead => _filesRead;
    public int FilesRejected => _filesRejected;
    public long AlertsRead => Interlocked.Read(ref _alertsRead);
    public long Stored => Interlocked.Read(ref _stored);
    public long Duplicates => Interlocked.Read(ref _duplicates);

    public void StartFile(string path) => _currentFile = path;

    public void AlertRead() => Interlocked.Increment(ref _alertsRead);

    public void Rejection(bool wholeFile)
    {
        Interlocked.Increment(ref _rejections);
        if (wholeFile)
            Interlocked.Increment(ref _filesRejected);
    }

    public void FileDone(long bytes, bool completed)
    {
        Interlocked.Increment(ref _filesDone);
        Interlocked.Add(ref _bytesDone, bytes);
        if (completed)
            Interlocked.Increment(ref _filesRead);
    }

    public void Written(int stored, int duplicates)
    {
        Interlocked.Add(ref _stored, stored);
        Interlocked.Add(ref _duplicates, duplicates);
    }

    /// <summary>Reports a snapshot. Serialised, so that a progress bar never sees counts go back even though both
    /// sides report.</summary>
    public void Report(IProgress<IngestionProgress>? progress, bool finished = false)
    {
        if (progress is null)
            return;
        lock (_reporting)
            progress.Report(finished ? Snapshot() with { CurrentFile = null } : Snapshot());
    }

    public IngestionProgress Snapshot() => new(
        Volatile.Read(ref _filesDone), filesTotal, Interlocked.Read(ref _bytesDone), bytesTotal, AlertsRead, Stored,
        Duplicates, Volatile.Read(ref _rejections), _currentFile);
}
