namespace IntegrationHub.Core.Messaging;

/// <summary>
/// One dead-lettered message as an operator needs to see it: which event it carries and, where the broker tells,
/// when and why it was dead-lettered. Never the record itself (it may hold personal data).
/// </summary>
/// <param name="MessageId">The AMQP message id: the event's key hash (lowercase hex SHA-256 of source LF id). Replay selects by it.</param>
/// <param name="Id">The CloudEvents <c>id</c>.</param>
/// <param name="Source">The CloudEvents <c>source</c>.</param>
/// <param name="Type">The CloudEvents <c>type</c>.</param>
/// <param name="Subject">The entity key (the AMQP subject).</param>
/// <param name="Time">The CloudEvents <c>time</c>.</param>
/// <param name="EnqueuedTime">When the broker enqueued the message (Service Bus <c>x-opt-enqueued-time</c>); null when the broker does not say (RabbitMQ).</param>
/// <param name="DeliveryCount">Deliveries before this listing, as the broker reports it (RabbitMQ's AMQP 1.0 plugin always reports 0).</param>
/// <param name="DeadLetterReason">Service Bus <c>DeadLetterReason</c>; null when the broker does not say.</param>
public sealed record DeadLettersItem(
    string? MessageId,
    string? Id,
    string? Source,
    string? Type,
    string? Subject,
    DateTimeOffset? Time,
    DateTimeOffset? EnqueuedTime,
    long DeliveryCount,
    string? DeadLetterReason);
