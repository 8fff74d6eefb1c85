namespace FinkTom.Kafka;

/// <summary>
/// The <c>Kafka</c> configuration section: where the brokers are, what to consume, how to publish livestreams.
/// Defaults target a current Kafka (the <c>docker/</c> compose file); <see cref="Client"/> passes any librdkafka
/// setting through to every consumer and producer (e.g. <c>api.version.request=false</c> for a 0.9 broker).
/// </summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    /// <summary>Comma-separated <c>host:port</c> list. Empty: no Kafka (filters and SSE streams still work).</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>librdkafka settings given to every client, e.g. <c>security.protocol</c>, <c>sasl.*</c>.</summary>
    public Dictionary<string, string> Client { get; set; } = new(StringComparer.Ordinal);

    public KafkaIngestOptions Ingest { get; set; } = new();

    public KafkaPublishOptions Publish { get; set; } = new();

    public bool Enabled => !string.IsNullOrWhiteSpace(BootstrapServers);
}

/// <summary><c>Kafka:Ingest</c>: the alert streams `finktom serve` consumes (none by default).</summary>
public sealed class KafkaIngestOptions
{
    /// <summary>Topics to consume: ZTF's own stream (Avro containers) or Fink livestream topics (schema in the key).</summary>
    public List<string> Topics { get; set; } = [];

    /// <summary>Consumer group: offsets are committed under it, so a restart resumes where the last one stopped.</summary>
    public string GroupId { get; set; } = "finktom";

    /// <summary>Where a new group starts: <c>earliest</c> (everything retained, as fink-client does) or <c>latest</c>.</summary>
    public string StartAt { get; set; } = "earliest";

    /// <summary>Alerts per store write; offsets are committed after each write.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>A partial batch is written after this long without a full one, so a trickle of alerts is stored at once.</summary>
    public int MaxBatchWaitMs { get; set; } = 200;
}

/// <summary><c>Kafka:Publish</c>: livestream topics for the active filters.</summary>
public sealed class KafkaPublishOptions
{
    /// <summary>Publish matching alerts to the filters' topics (needs <see cref="KafkaOptions.BootstrapServers"/>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Messages handed to the producer and not yet acknowledged, and newly stored alerts kept in memory for
    /// it. Beyond that, publications wait in the outbox on disk and are read back from the store; ingestion goes on.</summary>
    public int MaxQueuedMessages { get; set; } = 10_000;

    /// <summary>SQLite file of the publications not yet acknowledged by the broker (re-sent at the next start). Empty:
    /// <c>livestream-outbox.db</c> in the data folder (<c>Data:Directory</c>), whatever the store backend. One process
    /// per file: a second one using it refuses to start.</summary>
    public string OutboxPath { get; set; } = "";
}
