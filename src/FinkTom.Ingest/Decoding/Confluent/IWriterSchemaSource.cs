namespace FinkTom.Ingest.Decoding.Confluent;

/// <summary>Where the writer schema of a Confluent-framed message is found from its schema id.</summary>
public interface IWriterSchemaSource
{
    /// <summary>Says where it looks, for messages such as "not in the schema registry at …".</summary>
    string Description { get; }

    /// <summary>The schema's JSON text, or null when this source has no schema under <paramref name="schemaId"/>.
    /// Throws <see cref="SchemaSourceUnavailableException"/> when it cannot tell now (a registry that does not answer).</summary>
    string? Find(int schemaId);
}

/// <summary>
/// A schema source that cannot answer at the moment (network error, timeout, HTTP 5xx, an answer that is not a schema
/// registry's). Not the message's fault: the Kafka ingestor waits and reads the message again rather than skipping it.
/// </summary>
public sealed class SchemaSourceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
