namespace FinkTom.Kafka;

/// <summary><c>Kafka:Livestream</c>: how the filters' topics are created and what happens to them when a filter is deleted.</summary>
public sealed class KafkaLivestreamOptions
{
    /// <summary>Partitions of a new filter topic. Every message carries the same key (the schema), so Fink's own topics use one.</summary>
    public int Partitions { get; set; } = 1;

    /// <summary>Replicas of each partition of a new filter topic (at most the number of brokers).</summary>
    public int ReplicationFactor { get; set; } = 1;

    /// <summary><c>delete</c>: a deleted filter's topic is deleted with its messages; <c>keep</c>: it stays, retired
    /// (nothing new is published to it; consumers can still read what it retains).</summary>
    public string OnFilterDelete { get; set; } = "delete";

    public bool DeleteTopics => string.Equals(OnFilterDelete, "delete", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Problems()
    {
        if (Partitions is < 1 or > 10_000)
            yield return $"Kafka:Livestream:Partitions must be between 1 and 10000, not {Partitions}.";
        if (ReplicationFactor is < 1 or > short.MaxValue)
            yield return $"Kafka:Livestream:ReplicationFactor must be at least 1, not {ReplicationFactor}.";
        if (!DeleteTopics && !string.Equals(OnFilterDelete, "keep", StringComparison.OrdinalIgnoreCase))
            yield return $"Kafka:Livestream:OnFilterDelete must be delete or keep, not '{OnFilterDelete}'.";
    }
}

/// <summary>Kafka's rule for topic names (checked by the broker; checked here first so a bad name fails at start).</summary>
public static class KafkaTopicNames
{
    public static string? Problem(string name)
    {
        if (name.Length is 0 or > 249)
            return $"'{name}' is not a Kafka topic name: it must have 1 to 249 characters.";
        if (name is "." or "..")
            return $"'{name}' is not a Kafka topic name.";
        if (name.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')) is var bad and not '\0')
            return $"'{name}' is not a Kafka topic name: '{bad}' is not allowed (letters, digits, '.', '_' and '-' only).";
        return null;
    }
}
