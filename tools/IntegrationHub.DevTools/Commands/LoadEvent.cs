namespace IntegrationHub.DevTools.Commands;

/// <summary>What reconciliation needs of one acknowledged event: where its history row is and which message id it has.</summary>
internal sealed record LoadEvent(string Feed, string Topic, string Subject, DateTimeOffset Time, string MessageId);
