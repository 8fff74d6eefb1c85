namespace FinkTom.Ingest.Avro;

/// <summary>
/// Input that is not a readable Avro container or payload: not Avro at all, truncated, corrupt, or written with a
/// schema or codec we cannot read. <see cref="Exception.Message"/> is a short reason meant for an ingestion report.
/// </summary>
public sealed class AvroFormatException(string message, Exception? inner = null) : Exception(message, inner);
