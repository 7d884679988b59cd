namespace IntegrationHub.Core.Messaging;

/// <summary>The AMQP 1.0 broker the hub publishes to. Address format and authentication are configuration, not code paths.</summary>
public sealed class MessagingOptions
{
    /// <summary>Broker URL: <c>amqp://guest:guest@127.0.0.1:5672</c> locally, <c>amqps://&lt;ns&gt;.servicebus.windows.net</c> in Azure.</summary>
    public string Endpoint { get; set; } = "amqp://guest:guest@127.0.0.1:5672";

    /// <summary><c>rabbitmq</c> (<c>/exchange/&lt;topic&gt;</c>, <c>/amq/queue/&lt;queue&gt;</c>) or <c>servicebus</c> (<c>&lt;topic&gt;</c>, <c>&lt;topic&gt;/Subscriptions/&lt;name&gt;</c>).</summary>
    public string AddressFormat { get; set; } = "rabbitmq";

    /// <summary><c>sasl</c> (user and password in the endpoint, RabbitMQ), <c>sas</c> (Service Bus connection string) or <c>entra</c> (managed identity).</summary>
    public string Authentication { get; set; } = "sasl";

    /// <summary>Service Bus connection string for <c>sas</c>; supply it from a secret store, never from the repository.</summary>
    public string? ConnectionString { get; set; }

    public string? ManagedIdentityClientId { get; set; }

    /// <summary>How long to wait for the broker's outcome of one send.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Records whose data exceed this are published with a <c>dataref</c> to their blob instead (Service Bus Standard caps messages at 256 KB).</summary>
    public int MaxInlineDataBytes { get; set; } = 192 * 1024;

    /// <summary>Create the RabbitMQ topology from the catalogue at start (local development and tests).</summary>
    public bool DeclareTopology { get; set; }

    public bool IsServiceBus => string.Equals(AddressFormat, "servicebus", StringComparison.OrdinalIgnoreCase);

    public string SendAddress(string topic) => IsServiceBus ? topic : "/exchange/" + topic;

    public string ReceiveAddress(string topic, string subscription) =>
        IsServiceBus ? $"{topic}/Subscriptions/{subscription}" : $"/amq/queue/{topic}.{subscription}";

    public string DeadLetterAddress(string topic, string subscription) =>
        IsServiceBus ? $"{topic}/Subscriptions/{subscription}/$DeadLetterQueue" : $"/amq/queue/{topic}.{subscription}.dlq";
}
