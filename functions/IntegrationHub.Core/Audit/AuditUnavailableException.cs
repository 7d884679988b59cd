namespace IntegrationHub.Core.Audit;

/// <summary>An audit record could not be made durable (or, for a read, buffered): the request it records must not be answered as done.</summary>
public sealed class AuditUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
