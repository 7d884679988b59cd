namespace IntegrationHub.Core.Messaging;

/// <summary>
/// The broker the hub publishes to (<c>Hub:Messaging</c>). <see cref="Transport"/> picks the client; the other settings
/// apply to one transport each and are checked at start by <see cref="MessagingOptionsValidator"/>.
/// </summary>
public sealed class MessagingOptions
{
    public const string Section = "Hub:Messaging";

    /// <summary><see cref="MessagingTransport.Amqp"/> (RabbitMQ) or <see cref="MessagingTransport.ServiceBus"/>.</summary>
    public MessagingTransport Transport { get; set; } = MessagingTransport.Amqp;

    /// <summary>
    /// AMQP transport: the broker URL, e.g. <c>amqps://user:password@broker:5671</c>. Plain <c>amqp://</c> is accepted only
    /// in Development or to a loopback address (the traffic never leaves the machine).
    /// </summary>
    public string Endpoint { get; set; } = "amqp://guest:guest@127.0.0.1:5672";

    /// <summary>Service Bus: the namespace, <c>&lt;ns&gt;.servicebus.windows.net</c>, used with the hub's managed identity.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>Service Bus: a namespace-level connection string, instead of the managed identity. Supply it from a secret store, never from the repository.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long to wait for the broker's outcome of one send (Service Bus: one try; the SDK retries twice).</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Records whose data exceed this are published with a <c>dataref</c> to their blob instead (Service Bus Standard caps messages at 256 KB).</summary>
    public int MaxInlineDataBytes { get; set; } = 192 * 1024;

    /// <summary>AMQP transport: create the RabbitMQ topology from the catalogue at start (local development and tests).</summary>
    public bool DeclareTopology { get; set; }

    /// <summary>Service Bus: check at start, with the administration client, that every topic, subscription and replay rule exists.</summary>
    public bool CheckTopology { get; set; } = true;

    public bool IsServiceBus => Transport == MessagingTransport.ServiceBus;

    /// <summary>RabbitMQ's AMQP 1.0 address of a topic (a topic exchange; the routing key is the message's subject).</summary>
    public string SendAddress(string topic) => "/exchange/" + topic;

    /// <summary>RabbitMQ's AMQP 1.0 address of a subscription (a quorum queue <c>&lt;topic&gt;.&lt;subscription&gt;</c>).</summary>
    public string ReceiveAddress(string topic, string subscription) => $"/amq/queue/{topic}.{subscription}";

    /// <summary>RabbitMQ's AMQP 1.0 address of a subscription's dead-letter queue.</summary>
    public string DeadLetterAddress(string topic, string subscription) => $"/amq/queue/{topic}.{subscription}.dlq";
}
