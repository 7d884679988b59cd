namespace IntegrationHub.Core.Messaging.RabbitMq;

/// <summary>
/// How to reach RabbitMQ to declare or check the topology. The broker serves AMQP 0-9-1 (used for
/// the topology) and AMQP 1.0 (used by the hub) on the same port.
/// </summary>
public sealed class RabbitMqTopologyOptions
{
    /// <summary>Broker host; the local stack listens on 127.0.0.1 only.</summary>
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 5672;

    public string User { get; set; } = "guest";

    public string Password { get; set; } = "guest";

    public string VirtualHost { get; set; } = "/";

    /// <summary>
    /// Deliveries after which a subscription's message is dead-lettered (the quorum queue's
    /// <c>x-delivery-limit</c>, RabbitMQ's stand-in for Service Bus MaxDeliveryCount).
    /// </summary>
    public int DeliveryLimit { get; set; } = 10;

    /// <summary>
    /// Reads host, port, user, password and virtual host from an <c>amqp://user:pass@host:port/vhost</c>
    /// URL (the vhost path segment is URL-encoded, so <c>/</c> is <c>%2F</c>; no path means <c>/</c>).
    /// </summary>
    public static RabbitMqTopologyOptions FromUri(Uri amqpUri, int deliveryLimit = 10)
    {
        ArgumentNullException.ThrowIfNull(amqpUri);
        if (amqpUri.Scheme != "amqp")
        {
            throw new ArgumentException($"Expected an amqp:// URL, got scheme '{amqpUri.Scheme}'.", nameof(amqpUri));
        }

        var options = new RabbitMqTopologyOptions
        {
            Host = amqpUri.Host,
            Port = amqpUri.IsDefaultPort || amqpUri.Port < 0 ? 5672 : amqpUri.Port,
            DeliveryLimit = deliveryLimit,
        };

        if (!string.IsNullOrEmpty(amqpUri.UserInfo))
        {
            var separator = amqpUri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            options.User = Uri.UnescapeDataString(separator < 0 ? amqpUri.UserInfo : amqpUri.UserInfo[..separator]);
            options.Password = separator < 0 ? string.Empty : Uri.UnescapeDataString(amqpUri.UserInfo[(separator + 1)..]);
        }

        var path = amqpUri.AbsolutePath.TrimStart('/');
        if (path.Length > 0)
        {
            options.VirtualHost = Uri.UnescapeDataString(path);
        }

        return options;
    }
}
