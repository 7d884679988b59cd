using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Core.Storage;

/// <summary>
/// Blob storage adapter. Request bodies are content-addressed (the blob name is their SHA-256), so an archive
/// write is idempotent and a retried request costs nothing.
/// </summary>
public sealed class BlobEventArchive : IEventArchive
{
    private readonly BlobContainerClient _archive;
    private readonly BlobContainerClient _records;

    public BlobEventArchive(BlobServiceClient service, StorageOptions options)
    {
        _archive = service.GetBlobContainerClient(options.ContainerPrefix + "-archive");
        _records = service.GetBlobContainerClient(options.ContainerPrefix + "-records");
    }

    public async Task CreateContainersAsync(CancellationToken cancellationToken)
    {
        await Guard(() => _archive.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        await Guard(() => _records.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
    }

    /// <summary>Metadata name of the feed an archived request was sent to.</summary>
    public const string FeedMetadata = "feed";

    public async Task<string> ArchiveRequestAsync(ReadOnlyMemory<byte> body, string contentType, string feedId, CancellationToken cancellationToken)
    {
        var name = EventKeys.Sha256Hex(body.Span);
        await UploadOnceAsync(_archive.GetBlobClient(name), BinaryData.FromBytes(body), contentType, cancellationToken,
            new Dictionary<string, string> { [FeedMetadata] = feedId });
        return name;
    }

    public async Task<string> StoreRecordAsync(string keyHash, byte[] eventJson, CancellationToken cancellationToken)
    {
        var name = EventKeys.Sha256Hex(eventJson);
        await UploadOnceAsync(_records.GetBlobClient(name), BinaryData.FromBytes(eventJson), "application/cloudevents+json", cancellationToken);
        return name;
    }

    public async Task<byte[]> ReadRecordAsync(string blobName, CancellationToken cancellationToken)
    {
        var result = await Guard(() => _records.GetBlobClient(blobName).DownloadContentAsync(cancellationToken));
        return result.Value.Content.ToArray();
    }

    public Uri RecordUri(string blobName) => _records.GetBlobClient(blobName).Uri;

    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Guard(() => _archive.ExistsAsync(cancellationToken));
            return true;
        }
        catch (StorageUnavailableException)
        {
            return false;
        }
    }

    private static async Task UploadOnceAsync(BlobClient blob, BinaryData content, string contentType, CancellationToken cancellationToken,
        IDictionary<string, string>? metadata = null)
    {
        try
        {
            await Guard(() => blob.UploadAsync(content, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = metadata,
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken));
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Same name, same bytes: already archived.
        }
    }

    private static Task<T> Guard<T>(Func<Task<T>> call) => StorageGuard.RunAsync("Blob", call);
}
