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

    public KafkaLivestreamOptions Livestream { get; set; } = new();

    public bool Enabled => !string.IsNullOrWhiteSpace(BootstrapServers);
}

/// <summary><c>Kafka:Ingest</c>: the alert streams `finktom serve` consumes (none by default).</summary>
public sealed class KafkaIngestOptions
{
    /// <summary>Topics to consume: ZTF's own stream (Avro containers), Fink livestream topics (schema in the key) or
    /// Rubin's stream (Confluent framing).</summary>
    public List<string> Topics { get; set; } = [];

    /// <summary>Consumer group: offsets are committed under it, so a restart resumes where the last one stopped.</summary>
    public string GroupId { get; set; } = "finktom";

    /// <summary>Where a new group starts: <c>earliest</c> (everything retained, as fink-client does) or <c>latest</c>.</summary>
    public string StartAt { get; set; } = "earliest";

    /// <summary>Alerts per store write; offsets are committed after each write.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>A partial batch is written after this long without a full one, so a trickle of alerts is stored at once.</summary>
    public int MaxBatchWaitMs { get; set; } = 200;

    /// <summary>How message values are laid out: <c>auto</c> (by their first bytes and the key, see
    /// <see cref="Ingest.KafkaFraming"/>), <c>container</c> (ZTF), <c>fink</c> (schema JSON in the key) or
    /// <c>confluent</c> (Rubin: magic byte and schema id, the schema from <see cref="SchemaRegistryUrl"/> or
    /// <see cref="SchemaDirectory"/>).</summary>
    public string Framing { get; set; } = "auto";

    /// <summary>Confluent-compatible Schema Registry for Confluent-framed values, e.g. Rubin's
    /// <c>https://usdf-alert-schemas-dev.slac.stanford.edu</c>. Empty: none.</summary>
    public string SchemaRegistryUrl { get; set; } = "";

    /// <summary>Folder of writer schemas for Confluent-framed values, read before the registry (offline use); file
    /// names in <see cref="FinkTom.Ingest.Decoding.Confluent.SchemaDirectorySource"/>. Empty: none.</summary>
    public string SchemaDirectory { get; set; } = "";

    /// <summary>How often the consumer asks the broker for topic metadata, in ms, so a listed topic created after the
    /// start is consumed within seconds (librdkafka's own default is 5 minutes). <c>Kafka:Client</c>'s
    /// <c>topic.metadata.refresh.interval.ms</c>, when set, wins.</summary>
    public int MetadataRefreshMs { get; set; } = 2000;

    /// <summary>What is wrong with <see cref="Topics"/>, <see cref="Framing"/>, <see cref="SchemaRegistryUrl"/> and <see cref="SchemaDirectory"/>.</summary>
    public IEnumerable<string> FramingProblems()
    {
        foreach (var topic in Topics)
            if (KafkaTopicNames.Problem(topic) is { } problem)
                yield return "Kafka:Ingest:Topics: " + problem;
        if (MetadataRefreshMs is < 100 or > 3_600_000)
            yield return $"Kafka:Ingest:MetadataRefreshMs must be between 100 and 3600000, not {MetadataRefreshMs}.";
        if (!Ingest.KafkaFramings.TryParse(Framing, out var framing))
            yield return $"Kafka:Ingest:Framing must be auto, container, fink or confluent, not '{Framing}'.";
        if (SchemaRegistryUrl.Length > 0 && !(Uri.TryCreate(SchemaRegistryUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
            yield return $"Kafka:Ingest:SchemaRegistryUrl must be an http(s) URL, not '{SchemaRegistryUrl}'.";
        if (SchemaDirectory.Length > 0 && !Directory.Exists(SchemaDirectory))
            yield return $"Kafka:Ingest:SchemaDirectory '{SchemaDirectory}' is not a folder.";
        if (framing == Ingest.KafkaFraming.Confluent && SchemaRegistryUrl.Length == 0 && SchemaDirectory.Length == 0)
            yield return "Kafka:Ingest:Framing confluent needs Kafka:Ingest:SchemaRegistryUrl or Kafka:Ingest:SchemaDirectory.";
    }
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
