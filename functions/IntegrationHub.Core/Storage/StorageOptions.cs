namespace IntegrationHub.Core.Storage;

/// <summary>
/// Where the hub keeps its state. Locally a connection string (Azurite's well-known development account);
/// in Azure the service URIs and a managed identity, never an account key.
/// </summary>
public sealed class StorageOptions
{
    public string? ConnectionString { get; set; }
    public Uri? TableServiceUri { get; set; }
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty uses the default credential chain.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prefix of table names (letters and digits), so several hubs or test runs can share an account.</summary>
    public string TablePrefix { get; set; } = "Hub";

    /// <summary>Prefix of blob container names (lowercase letters, digits, '-').</summary>
    public string ContainerPrefix { get; set; } = "hub";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || (TableServiceUri is not null && BlobServiceUri is not null);
}
