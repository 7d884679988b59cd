namespace IntegrationHub.Core.Ingest;

/// <summary>What one relay run did.</summary>
public sealed record RelayReport(int Due, int Published, int Failed);
