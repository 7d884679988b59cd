using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Core.Identity;

/// <summary>
/// The one <see cref="TokenCredential"/> every Azure client of the hub authenticates with: the user-assigned managed
/// identity named by <c>Hub:ManagedIdentityClientId</c> (or, as before, <c>Hub:Messaging:ManagedIdentityClientId</c> /
/// <c>Hub:Storage:ManagedIdentityClientId</c>), else <see cref="DefaultAzureCredential"/>. Registered only if nothing
/// registered a credential first, so a host may supply its own.
/// </summary>
public static class TokenCredentialServiceCollectionExtensions
{
    public static IServiceCollection AddHubTokenCredential(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<TokenCredential>(_ =>
        {
            var clientId = new[] { "Hub:ManagedIdentityClientId", "Hub:Messaging:ManagedIdentityClientId", "Hub:Storage:ManagedIdentityClientId" }
                .Select(key => configuration[key])
                .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
            return clientId is null
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        });
        return services;
    }
}
