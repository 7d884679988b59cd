namespace IntegrationHub.Core.Storage;

/// <summary>Table or Blob storage cannot be reached; nothing was acknowledged and the caller should retry later.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);
