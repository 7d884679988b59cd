namespace IntegrationHub.Core.Retention;

/// <summary>Settings of the retention purge (<c>Hub:Retention</c>).</summary>
public sealed class RetentionOptions
{
    /// <summary>
    /// Client id of the user-assigned identity that may delete archive blobs (and nothing else in Blob storage); the purge
    /// deletes through it, the hub's own identity cannot. Unused with a connection string (Azurite).
    /// </summary>
    public string? ArchiveIdentityClientId { get; set; }
}
