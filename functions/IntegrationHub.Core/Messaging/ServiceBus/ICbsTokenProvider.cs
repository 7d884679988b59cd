namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>Issues the tokens that authorize a connection for an entity over claims-based security.</summary>
public interface ICbsTokenProvider
{
    /// <summary>A token valid for <paramref name="audience"/> (the entity URI, see <see cref="ServiceBusAddress.Audience"/>).</summary>
    Task<CbsToken> GetTokenAsync(string audience, CancellationToken cancellationToken);
}
