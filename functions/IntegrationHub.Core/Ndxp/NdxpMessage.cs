using IntegrationHub.Core.Messaging.ServiceBus;

namespace IntegrationHub.Core.Ndxp;

/// <summary>A message taken, locked, from a feed's <c>ndxp</c> subscription.</summary>
/// <param name="MessageId">The broker message id: the idempotency key the national endpoint receives.</param>
/// <param name="BrokerDeliveryCount">Deliveries the broker reports, this one included; null when it reports none.</param>
/// <param name="Event">The CloudEvent: attributes and data.</param>
/// <param name="EnqueuedAt">When the hub published it, if the broker says; the start of the delivery latency.</param>
/// <param name="Handle">The transport's own message object, for settlement.</param>
public sealed record NdxpMessage(string? MessageId, int? BrokerDeliveryCount, ReceivedCloudEvent Event, DateTimeOffset? EnqueuedAt, object Handle);
