namespace FinkTom.Ingest.Decoding;

/// <summary>A record that is readable Avro but not a usable alert (not a ZTF alert, or no objectId/candid/jd).
/// <see cref="Exception.Message"/> is a short reason meant for an ingestion report.</summary>
public sealed class AlertDecodeException(string message) : Exception(message);
