namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>
/// Link addresses and CBS audiences of Service Bus entities.
/// </summary>
/// <remarks>
/// Addresses are relative entity paths (what a link's source or target carries); the audience is the
/// absolute entity URI a put-token names. Service Bus compares entity names case-insensitively, and the
/// Azure SDK lower-cases audiences, so <see cref="Audience"/> does too.
/// </remarks>
public static class ServiceBusAddress
{
    /// <summary>The segment between a topic and its subscriptions.</summary>
    public const string SubscriptionsSegment = "Subscriptions";

    /// <summary>The sub-queue that holds a subscription's dead-lettered messages.</summary>
    public const string DeadLetterQueueSegment = "$DeadLetterQueue";

    /// <summary>The address to send to a topic: the topic name itself.</summary>
    public static string Topic(string topic)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        return topic;
    }

    /// <summary>The address to receive from a subscription: <c>topic/Subscriptions/subscription</c>.</summary>
    public static string Subscription(string topic, string subscription)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(subscription);

        // Topic names may contain '/', subscription names may not (it would read as a sub-entity).
        if (subscription.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A subscription name cannot contain '/': '{subscription}'.", nameof(subscription));
        }

        return $"{topic}/{SubscriptionsSegment}/{subscription}";
    }

    /// <summary>The address of a subscription's dead-letter queue: <c>topic/Subscriptions/subscription/$DeadLetterQueue</c>.</summary>
    public static string DeadLetter(string topic, string subscription) =>
        $"{Subscription(topic, subscription)}/{DeadLetterQueueSegment}";

    /// <summary>
    /// The CBS audience (put-token <c>name</c>) of an entity: <c>amqps://namespace/entityPath</c>, lower-cased.
    /// </summary>
    /// <param name="fullyQualifiedNamespace">The namespace host, e.g. <c>contoso.servicebus.windows.net</c>.</param>
    /// <param name="entityPath">The entity path, e.g. a topic or <c>topic/Subscriptions/subscription</c>.</param>
    public static string Audience(string fullyQualifiedNamespace, string entityPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullyQualifiedNamespace);
        ArgumentException.ThrowIfNullOrWhiteSpace(entityPath);
        if (fullyQualifiedNamespace.Contains('/', StringComparison.Ordinal) || fullyQualifiedNamespace.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The namespace must be a host name such as 'contoso.servicebus.windows.net', not '{fullyQualifiedNamespace}'.",
                nameof(fullyQualifiedNamespace));
        }

        var path = entityPath.Trim('/');
        if (path.Length == 0)
        {
            throw new ArgumentException("The entity path is empty.", nameof(entityPath));
        }

        return $"amqps://{fullyQualifiedNamespace}/{path}".ToLowerInvariant();
    }
}
