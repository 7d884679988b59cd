namespace IntegrationHub.Core.Messaging;

/// <summary>
/// A transport's dead-letter sub-queues: list without losing, replay to one subscription. <see cref="DeadLetters"/> is the
/// hub's entry point; this port is what each transport implements.
/// </summary>
public interface IDeadLetterQueue
{
    /// <summary>Up to <paramref name="max"/> messages of the subscription's dead-letter queue, left in the queue.</summary>
    /// <exception cref="BrokerUnavailableException">The broker cannot be reached or refused the operation.</exception>
    Task<IReadOnlyList<DeadLettersItem>> ListAsync(string topic, string subscription, int max, CancellationToken cancellationToken);

    /// <summary>Sends the dead-lettered messages with the given ids back to the subscription (copy first) and removes them from its dead-letter queue.</summary>
    /// <exception cref="BrokerUnavailableException">The broker cannot be reached, refused a link or refused a copy.</exception>
    Task<DeadLettersReplay> ReplayAsync(string topic, string subscription, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken);
}
