namespace IntegrationHub.Core.Ingest;

/// <summary>What one relay run did: entries due, published, failed attempts, and entries moved to the poison table.</summary>
public sealed record RelayReport(int Due, int Published, int Failed, int Poisoned = 0);
