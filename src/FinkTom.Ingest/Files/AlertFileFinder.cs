namespace FinkTom.Ingest.Files;

/// <summary>Expands the paths given to an ingestion into the Avro files to read.</summary>
public static class AlertFileFinder
{
    /// <summary>
    /// Files are taken as given (whatever their extension: the user named them); folders are searched recursively
    /// for <c>*.avro</c> files. The result is in ordinal path order, without repeats. A path that does not exist
    /// is reported to <paramref name="reject"/>.
    /// </summary>
    public static IReadOnlyList<FileInfo> Find(IEnumerable<string> paths, Action<IngestRejection> reject)
    {
        var files = new SortedDictionary<string, FileInfo>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                var file = new FileInfo(path);
                files.TryAdd(file.FullName, file);
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in new DirectoryInfo(path).EnumerateFiles("*.avro", SearchOption.AllDirectories))
                    files.TryAdd(file.FullName, file);
            }
            else
            {
                reject(new IngestRejection(path, "no such file or folder"));
            }
        }
        return files.Values.ToList();
    }
}
