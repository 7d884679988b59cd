using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;

namespace IntegrationHub.LiveTests;

/// <summary>
/// The Service Bus namespace the live suite runs against, from the environment: <c>HUB_LIVE_SERVICEBUS_CONNECTION</c>
/// (a namespace-level connection string) or <c>HUB_LIVE_SERVICEBUS_NAMESPACE</c> (<c>&lt;ns&gt;.servicebus.windows.net</c>,
/// signed in with <see cref="DefaultAzureCredential"/>: <c>az login</c>, a managed identity, or AZURE_CLIENT_ID/SECRET/TENANT_ID).
/// The namespace must hold the topology infra/main.bicep deploys.
/// </summary>
public static class LiveServiceBus
{
    public const string ConnectionVariable = "HUB_LIVE_SERVICEBUS_CONNECTION";
    public const string NamespaceVariable = "HUB_LIVE_SERVICEBUS_NAMESPACE";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    public static string? Namespace => Environment.GetEnvironmentVariable(NamespaceVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Throws when neither is set: a live test never passes without a namespace.</summary>
    public static void Require()
    {
        if (ConnectionString is null && Namespace is null)
        {
            throw new InvalidOperationException(
                $"No Service Bus namespace: set {ConnectionVariable} or {NamespaceVariable} (dev/test --live prints this instead of running the suite).");
        }
    }

    private static readonly Lazy<TokenCredential> Credential = new(() => new DefaultAzureCredential());

    public static ServiceBusClient Client()
    {
        Require();
        return ConnectionString is { } connection ? new ServiceBusClient(connection) : new ServiceBusClient(Namespace, Credential.Value);
    }

    public static ServiceBusAdministrationClient Administration()
    {
        Require();
        return ConnectionString is { } connection ? new ServiceBusAdministrationClient(connection) : new ServiceBusAdministrationClient(Namespace, Credential.Value);
    }

    /// <summary>The hub's <c>Hub:Messaging</c> settings for this namespace.</summary>
    public static IReadOnlyDictionary<string, string?> Settings()
    {
        Require();
        return ConnectionString is { } connection
            ? new Dictionary<string, string?> { ["Transport"] = "ServiceBus", ["ConnectionString"] = connection }
            : new Dictionary<string, string?> { ["Transport"] = "ServiceBus", ["FullyQualifiedNamespace"] = Namespace };
    }
}
