using Azure.Core;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// The one <see cref="TokenCredential"/> every Azure client of the hub uses (Table, Blob, Service Bus): one token cache, one
/// managed identity. Resolve it from DI; never build another credential.
/// </summary>
public sealed class HubAzureCredential(TokenCredential credential)
{
    public TokenCredential Credential { get; } = credential;
}
