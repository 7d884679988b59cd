namespace IntegrationHub.Core.Ndxp;

/// <summary>The <c>ndxp</c> subscriptions, in peek-lock mode, on the configured transport.</summary>
public interface INdxpSubscriptions
{
    /// <summary>A locked receiver on <paramref name="topic"/>'s <c>ndxp</c> subscription.</summary>
    /// <exception cref="Messaging.BrokerUnavailableException">The broker cannot be reached or refused the link.</exception>
    Task<INdxpReceiver> OpenAsync(string topic, CancellationToken cancellationToken);
}
