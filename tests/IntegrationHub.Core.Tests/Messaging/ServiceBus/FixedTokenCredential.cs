using System.Collections.Concurrent;
using Azure.Core;

namespace IntegrationHub.Core.Tests.Messaging.ServiceBus;

/// <summary>Stands in for a managed identity: returns one fixed access token and records the scopes asked for.</summary>
internal sealed class FixedTokenCredential(string token, DateTimeOffset expiresOn) : TokenCredential
{
    public ConcurrentQueue<string[]> RequestedScopes { get; } = new();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        RequestedScopes.Enqueue(requestContext.Scopes);
        return new AccessToken(token, expiresOn);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
