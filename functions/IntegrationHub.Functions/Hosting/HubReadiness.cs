namespace IntegrationHub.Functions.Hosting;

/// <summary>Set once tables, containers and topology exist; until then ingest answers 503 rather than failing oddly.</summary>
public sealed class HubReadiness
{
    private volatile bool _storageReady;

    public bool StorageReady => _storageReady;

    public void MarkStorageReady() => _storageReady = true;
}
