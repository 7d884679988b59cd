namespace IntegrationHub.Core.Tests.Messaging.ServiceBus;

/// <summary>A put-token as the test peer's <c>$cbs</c> node received it.</summary>
internal sealed record PutTokenRequest(
    string? Operation,
    string? Type,
    string? Name,
    object? Expiration,
    object? Token,
    string? MessageId,
    string? ReplyTo,
    DateTimeOffset ReceivedAt);
