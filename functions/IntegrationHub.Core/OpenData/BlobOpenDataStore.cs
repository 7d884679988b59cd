using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.Core.OpenData;

/// <summary>
/// The open-data container in Blob storage. Where the hub creates it itself (<paramref name="createContainer"/>, local
/// development against Azurite) it is created with anonymous read access to its blobs; in Azure the deployment creates it
/// and the hub's identity may only write blobs into it.
/// </summary>
public sealed class BlobOpenDataStore(BlobContainerClient container, bool createContainer) : IOpenDataStore
{
    private volatile bool _created;

    public Uri ContainerUri => container.Uri;

    public async Task WriteAsync(string name, string contentType, byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            if (createContainer && !_created)
            {
                // Idempotent: two writers racing here both succeed.
                await container.CreateIfNotExistsAsync(PublicAccessType.Blob, cancellationToken: cancellationToken);
                _created = true;
            }

            await container.GetBlobClient(name).UploadAsync(new BinaryData(content), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType, CacheControl = "public, max-age=3600" },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 0 or >= 500)
        {
            throw new StorageUnavailableException("The open-data container could not be written.", e);
        }
    }
}
