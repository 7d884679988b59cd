namespace IntegrationHub.Core.Ioc;

/// <summary>Reads an entity's history: a row-key range inside the entity's own partition.</summary>
public interface ISnapshotHistory
{
    /// <exception cref="ArgumentException">The continuation token is not one this store issued.</exception>
    Task<ResultPage<HistoryEntry>> QueryAsync(HistoryQuery query, CancellationToken cancellationToken);
}
