namespace IntegrationHub.Core.Storage;

/// <summary>Reads entities' current state.</summary>
public interface ISnapshotStore
{
    Task<Snapshot?> GetAsync(string feedId, string subject, CancellationToken cancellationToken);
}
