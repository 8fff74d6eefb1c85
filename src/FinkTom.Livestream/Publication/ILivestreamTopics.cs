namespace FinkTom.Livestream.Publication;

/// <summary>
/// A transport's topics, kept in step with the filters: a new filter's topic exists before its first match (so a
/// consumer that subscribes early gets no UNKNOWN_TOPIC_OR_PART), a deleted filter's topic is deleted or kept as
/// configured. Failures are the transport's to log; a filter change never fails because of them.
/// </summary>
public interface ILivestreamTopics
{
    Task FilterCreatedAsync(string topic, CancellationToken cancellationToken);

    Task FilterDeletedAsync(string topic, CancellationToken cancellationToken);
}
