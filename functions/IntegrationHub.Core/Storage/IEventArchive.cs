namespace IntegrationHub.Core.Storage;

/// <summary>Blob storage: every request body as received, content-addressed, and records too large for a row or a message.</summary>
public interface IEventArchive
{
    /// <summary>
    /// Stores the raw body under its SHA-256 (idempotent) and returns the blob name. The blob's <c>feed</c> metadata names
    /// the feed it was sent to, whose retention decides when it is purged.
    /// </summary>
    Task<string> ArchiveRequestAsync(ReadOnlyMemory<byte> body, string contentType, string feedId, CancellationToken cancellationToken);

    /// <summary>Stores one record on its own (claim check) and returns the blob name.</summary>
    Task<string> StoreRecordAsync(string keyHash, byte[] eventJson, CancellationToken cancellationToken);

    Task<byte[]> ReadRecordAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>The URI a consumer dereferences for a claim-checked record (CloudEvents <c>dataref</c>).</summary>
    Uri RecordUri(string blobName);

    Task<bool> IsAvailableAsync(CancellationToken cancellationToken);
}
