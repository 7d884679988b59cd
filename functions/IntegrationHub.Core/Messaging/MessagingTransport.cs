namespace IntegrationHub.Core.Messaging;

/// <summary>Which broker client the hub publishes and administers dead letters with (<c>Hub:Messaging:Transport</c>).</summary>
public enum MessagingTransport
{
    /// <summary>Generic AMQP 1.0 (AMQPNetLite) against RabbitMQ with <c>rabbitmq_amqp1_0</c>: local development, CI and deployments without Azure.</summary>
    Amqp,

    /// <summary>Azure Service Bus through <c>Azure.Messaging.ServiceBus</c>, with a managed identity or a connection string.</summary>
    ServiceBus,
}
