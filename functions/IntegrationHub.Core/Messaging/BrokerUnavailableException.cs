namespace IntegrationHub.Core.Messaging;

/// <summary>The broker cannot be reached or refused the message; the event stays in the outbox.</summary>
public sealed class BrokerUnavailableException(string message, Exception? inner) : Exception(message, inner);
