namespace FinkTom.Kafka.Ingest;

/// <summary>How alert message values are laid out (<c>Kafka:Ingest:Framing</c>).</summary>
public enum KafkaFraming
{
    /// <summary>Told apart per message: an Avro container (<c>Obj\x01</c>) is ZTF's; a key holding a JSON schema is
    /// Fink's; otherwise a value starting with the magic byte 0x00 is Confluent-framed.</summary>
    Auto,

    /// <summary>Every value a whole Avro object container (ZTF's stream).</summary>
    Container,

    /// <summary>Schemaless Avro, the writer schema as JSON text in the key (Fink livestream, contract fink-lsst-api.md §4.5).</summary>
    Fink,

    /// <summary>0x00, a 4-byte big-endian schema id, schemaless Avro (Rubin's stream, contract §4.3).</summary>
    Confluent,
}

public static class KafkaFramings
{
    /// <summary>Reads <c>auto</c>, <c>container</c>, <c>fink</c> or <c>confluent</c> (any case).</summary>
    public static bool TryParse(string? text, out KafkaFraming framing)
    {
        KafkaFraming? parsed = text?.Trim().ToLowerInvariant() switch
        {
            "auto" => KafkaFraming.Auto,
            "container" => KafkaFraming.Container,
            "fink" => KafkaFraming.Fink,
            "confluent" => KafkaFraming.Confluent,
            _ => null,
        };
        framing = parsed ?? KafkaFraming.Auto;
        return parsed is not null;
    }
}
