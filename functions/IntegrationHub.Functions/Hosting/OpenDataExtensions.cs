using Azure.Core;
using Azure.Storage.Blobs;
using IntegrationHub.Core.OpenData;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// The open-data export (<c>Hub:OpenData</c>, docs/open-data.md): in Azure a storage account of its own, written with the hub's
/// one credential; locally a dedicated container of the hub's Azurite account, which the hub creates with anonymous blob read.
/// </summary>
public static class OpenDataExtensions
{
    public static IHostApplicationBuilder AddHubOpenData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        HubServiceExtensions.BindOptions<OpenDataOptions>(services, OpenDataOptions.Section, o => o.IsValid(out _),
            $"{OpenDataOptions.Section}: Container must be a blob container name; BlobServiceUri and PublicBaseUri absolute URLs (docs/open-data.md).");
        services.AddSingleton<IOpenDataStore>(sp =>
        {
            var options = sp.GetRequiredService<OpenDataOptions>();
            if (options.BlobServiceUri is { } uri)
            {
                var service = new BlobServiceClient(uri, sp.GetRequiredService<TokenCredential>());
                return new BlobOpenDataStore(service.GetBlobContainerClient(options.Container), createContainer: false);
            }

            // Local development: the hub's own account (Azurite), a container holding nothing but the export.
            var storage = sp.GetRequiredService<StorageOptions>();
            var hub = sp.GetRequiredService<BlobServiceClient>();
            return new BlobOpenDataStore(hub.GetBlobContainerClient(options.Container), createContainer: !string.IsNullOrWhiteSpace(storage.ConnectionString));
        });
        services.AddSingleton<OpenDataExporter>();
        return builder;
    }
}
