namespace FinkTom.Kafka.Publish;

/// <summary>What the last create or delete of a topic did.</summary>
public enum TopicOutcome
{
    Created,
    Existed,
    /// <summary>The broker has no CreateTopics (Kafka before 0.10.1): created by its auto-creation, with its defaults.</summary>
    AutoCreated,
    Deleted,
    /// <summary><c>Kafka:Livestream:OnFilterDelete=keep</c>, or a broker with no DeleteTopics (Kafka before 0.10.1).</summary>
    Kept,
    Failed,
}
