using Azure.Core;

namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>
/// Gets Microsoft Entra ID access tokens for Service Bus from a <see cref="TokenCredential"/>
/// (a managed identity in Azure).
/// </summary>
/// <remarks>
/// One token covers the whole namespace, so the audience is not part of the request. Azure.Identity
/// credentials cache tokens until shortly before expiry, so asking on every refresh is cheap.
/// The identity needs the <i>Azure Service Bus Data Sender</i> (or <i>Receiver</i>) role on the entity.
/// </remarks>
public sealed class EntraCbsTokenProvider : ICbsTokenProvider
{
    /// <summary>The scope Service Bus access tokens are requested for.</summary>
    public const string ServiceBusScope = "https://servicebus.azure.net/.default";

    private readonly TokenCredential _credential;

    /// <summary>Creates a provider over <paramref name="credential"/>.</summary>
    public EntraCbsTokenProvider(TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credential = credential;
    }

    /// <inheritdoc />
    public async Task<CbsToken> GetTokenAsync(string audience, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        var accessToken = await _credential.GetTokenAsync(new TokenRequestContext([ServiceBusScope]), cancellationToken);
        return new CbsToken(accessToken.Token, CbsTokenType.Jwt, accessToken.ExpiresOn);
    }
}
