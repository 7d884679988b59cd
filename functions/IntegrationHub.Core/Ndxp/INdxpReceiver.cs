namespace IntegrationHub.Core.Ndxp;

/// <summary>
/// Peek-lock on one subscription: what is received stays locked until it is completed, abandoned or dead-lettered; what is
/// still locked when the receiver is disposed (or the process dies) goes back to the subscription.
/// </summary>
public interface INdxpReceiver : IAsyncDisposable
{
    /// <summary>Up to <paramref name="max"/> messages; waits at most <paramref name="wait"/> for the first.</summary>
    Task<IReadOnlyList<NdxpMessage>> ReceiveAsync(int max, TimeSpan wait, CancellationToken cancellationToken);

    Task CompleteAsync(NdxpMessage message, CancellationToken cancellationToken);

    /// <summary>Returns the message to the subscription (a new delivery later).</summary>
    Task AbandonAsync(NdxpMessage message, CancellationToken cancellationToken);

    /// <summary>Moves the message to the subscription's dead-letter queue with <paramref name="reason"/> and <paramref name="description"/>.</summary>
    Task DeadLetterAsync(NdxpMessage message, string reason, string description, CancellationToken cancellationToken);
}
