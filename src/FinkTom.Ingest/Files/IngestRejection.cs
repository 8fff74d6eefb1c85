namespace FinkTom.Ingest.Files;

/// <summary>
/// Something that could not be ingested: a whole file (not Avro, truncated, corrupt, not alerts, unreadable) when
/// <see cref="RecordIndex"/> is null, otherwise one record of it (e.g. an alert without candid).
/// </summary>
/// <param name="File">Path of the file as given or found.</param>
/// <param name="Reason">Short human-readable reason.</param>
/// <param name="RecordIndex">0-based index of the rejected record in the file, or null for the file itself.</param>
public sealed record IngestRejection(string File, string Reason, long? RecordIndex = null)
{
    public bool IsWholeFile => RecordIndex is null;

    public override string ToString() =>
        RecordIndex is { } i ? $"{File} (record {i}): {Reason}" : $"{File}: {Reason}";
}
