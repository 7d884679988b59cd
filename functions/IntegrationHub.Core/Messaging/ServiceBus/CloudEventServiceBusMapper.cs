using Amqp.Framing;
using Amqp.Types;
using Azure.Messaging.ServiceBus;
using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>
/// The CloudEvents AMQP binding (binary mode) on the Service Bus SDK's message model. The attributes are mapped once, by
/// <see cref="CloudEventAmqpMapper"/>, so both transports publish the same application properties
/// (<c>cloudEvents:&lt;name&gt;</c>), message id (the event's key hash), subject (the entity key), content type and the
/// claim-check <c>dataref</c>; this class carries that AMQP message over to a <see cref="ServiceBusMessage"/>, with the
/// entity key as partition key (<c>x-opt-partition-key</c>; ignored by a topic that is not partitioned). No session id:
/// the subscriptions are not session-enabled. Readers accept either prefix, <c>cloudEvents:</c> or <c>cloudEvents_</c>.
/// </summary>
public static class CloudEventServiceBusMapper
{
    private static readonly Symbol PartitionKeyAnnotation = new("x-opt-partition-key");

    /// <summary>The message the Service Bus transport publishes for an accepted event.</summary>
    public static ServiceBusMessage ToServiceBusMessage(AcceptedEvent accepted, int maxInlineDataBytes, Func<string, Uri> recordUri) =>
        FromAmqp(CloudEventAmqpMapper.ToMessage(accepted, maxInlineDataBytes, recordUri, partitionKey: true));

    /// <summary>
    /// An AMQP 1.0 message (AMQPNetLite's model) as a Service Bus message: message id, correlation id, subject, content
    /// type, creation time, application properties, partition key and the Data body. Only a Data body can be carried: an
    /// SDK consumer cannot read any other body section.
    /// </summary>
    public static ServiceBusMessage FromAmqp(Amqp.Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.BodySection switch
        {
            null => [],
            Data data => data.Binary ?? [],
            _ => throw new ArgumentException("Only a Data body section can be published to Service Bus.", nameof(message)),
        };
        var converted = new ServiceBusMessage(BinaryData.FromBytes(body));
        if (message.Properties is { } properties)
        {
            converted.MessageId = properties.MessageId;
            converted.CorrelationId = properties.CorrelationId;
            converted.Subject = properties.Subject;
            converted.ContentType = properties.ContentType;
            if (properties.CreationTime != default)
            {
                converted.GetRawAmqpMessage().Properties.CreationTime = new DateTimeOffset(DateTime.SpecifyKind(properties.CreationTime, DateTimeKind.Utc));
            }
        }

        if (message.ApplicationProperties is { } applicationProperties)
        {
            foreach (var (key, value) in applicationProperties.Map)
            {
                converted.ApplicationProperties[key.ToString()!] = value is Symbol symbol ? symbol.ToString() : value;
            }
        }

        if (message.MessageAnnotations?.Map.TryGetValue(PartitionKeyAnnotation, out var partitionKey) == true && partitionKey is string partition)
        {
            converted.PartitionKey = partition;
        }

        return converted;
    }

    /// <summary>A CloudEvents attribute of a received message, from either prefix; <c>datacontenttype</c> is the content type.</summary>
    public static object? Attribute(ServiceBusReceivedMessage message, string name)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (name == "datacontenttype")
        {
            return message.ContentType;
        }

        var properties = message.ApplicationProperties;
        return properties.TryGetValue(CloudEventAmqpMapper.Prefix + name, out var value) ? value
            : properties.TryGetValue(CloudEventAmqpMapper.AlternatePrefix + name, out value) ? value
            : null;
    }

    /// <summary>
    /// Every CloudEvents attribute a received message carries, by attribute name, and its data: the reverse of
    /// <see cref="ToServiceBusMessage"/>. Application properties without either prefix (broker or replay bookkeeping) are
    /// not attributes.
    /// </summary>
    public static ReceivedCloudEvent ToCloudEvent(ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in message.ApplicationProperties)
        {
            var name = key.StartsWith(CloudEventAmqpMapper.Prefix, StringComparison.Ordinal) ? key[CloudEventAmqpMapper.Prefix.Length..]
                : key.StartsWith(CloudEventAmqpMapper.AlternatePrefix, StringComparison.Ordinal) ? key[CloudEventAmqpMapper.AlternatePrefix.Length..]
                : null;
            if (name is { Length: > 0 } && value is not null)
            {
                attributes.TryAdd(name, value);
            }
        }

        if (message.ContentType is { Length: > 0 } contentType)
        {
            attributes["datacontenttype"] = contentType;
        }

        return new ReceivedCloudEvent(attributes, message.Body.ToArray());
    }
}
