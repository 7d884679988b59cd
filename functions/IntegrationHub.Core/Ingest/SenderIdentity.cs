namespace IntegrationHub.Core.Ingest;

/// <summary>The authenticated application that sent a request (client id and tenant from its token).</summary>
public sealed record SenderIdentity(string AppId, string TenantId)
{
    /// <summary>Used when the hub runs without authentication configured (tools, benchmarks); never in production.</summary>
    public static readonly SenderIdentity Anonymous = new("anonymous", "none");
}
