namespace IntegrationHub.Core.Contracts.Api;

/// <summary>What the API documents say about the deployment: the hub's public base URL, its broker hosts and the token issuer.</summary>
public sealed record ApiDocumentInfo
{
    public string Title { get; init; } = "IntegrationHub — provincial data-sharing hub (LGSP)";

    public string Version { get; init; } = "1.0.0";

    /// <summary>The hub's base URL, without <c>/api</c>.</summary>
    public string HubUrl { get; init; } = "http://127.0.0.1:7071";

    /// <summary>The Service Bus namespace host, e.g. <c>sb-lgsp-25.servicebus.windows.net</c>.</summary>
    public string ServiceBusHost { get; init; } = "{namespace}.servicebus.windows.net";

    /// <summary>The local AMQP 1.0 broker (RabbitMQ with its AMQP 1.0 support).</summary>
    public string RabbitMqHost { get; init; } = "127.0.0.1:5672";

    /// <summary>The Entra ID tenant issuing tokens (the deployment's <c>AzureAd:TenantId</c>).</summary>
    public string TenantId { get; init; } = "organizations";
}
