using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Retention;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// The audit trail (docs/audit.md): the chain's writer, its checkpoint, and the retention purge that records what it removes.
/// Ingest, admin and read functions take <see cref="AuditTrail"/> and record through it.
/// </summary>
public static partial class AuditExtensions
{
    public static IHostApplicationBuilder AddHubAudit(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        HubServiceExtensions.BindOptions<AuditOptions>(services, "Hub:Audit", o => o.IsValid,
            "Hub:Audit: ReadBufferCapacity, MaxRecordsPerBlock and MaxAppendAttempts must be positive, SegmentRecords from 1 to 50000.");
        HubServiceExtensions.BindOptions<RetentionOptions>(services, "Hub:Retention");
        services.AddSingleton<BlobAuditChain>();
        services.AddSingleton<AuditTrail>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditTrail>());
        services.AddSingleton<RequestAudit>();
        services.AddSingleton<Core.Audit.AuditCheckpoint>();
        services.AddSingleton(sp => new Core.Retention.RetentionPurge(
            sp.GetRequiredService<FeedCatalogue>(),
            sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>(),
            sp.GetRequiredService<StorageOptions>(),
            ArchiveForPurge(sp),
            sp.GetRequiredService<AuditTrail>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<AuditContainerInitializer>();
        return builder;
    }

    /// <summary>
    /// The archive container through the purge's own identity in Azure (the only one with delete on it), through the shared
    /// client locally, where Azurite's development account stands for every identity.
    /// </summary>
    private static BlobContainerClient ArchiveForPurge(IServiceProvider sp)
    {
        var storage = sp.GetRequiredService<StorageOptions>();
        var retention = sp.GetRequiredService<RetentionOptions>();
        var service = string.IsNullOrWhiteSpace(storage.ConnectionString) && !string.IsNullOrWhiteSpace(retention.ArchiveIdentityClientId)
            ? new BlobServiceClient(storage.BlobServiceUri,
                new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(retention.ArchiveIdentityClientId)), PurgeClientOptions(sp))
            : sp.GetRequiredService<BlobServiceClient>();
        return AuditVerifier.ArchiveContainer(service, storage);
    }

    private static BlobClientOptions PurgeClientOptions(IServiceProvider sp)
    {
        var options = new BlobClientOptions();
        options.AddPolicy(sp.GetRequiredService<StorageCallCounter>().BlobPolicy, HttpPipelinePosition.PerRetry);
        return options;
    }

    /// <summary>Creates the audit and checkpoint containers and reads the chain's head in the background (the chain also does both on its first append).</summary>
    private sealed partial class AuditContainerInitializer(BlobAuditChain chain, ILogger<AuditContainerInitializer> logger) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
            StartupRetry.UntilStorageAnswers(args => LogNotReady(logger, args.RetryDelay.TotalSeconds))
                .ExecuteAsync(async token => await chain.PrepareAsync(token), stoppingToken).AsTask();

        [LoggerMessage(Level = LogLevel.Debug, Message = "Audit containers not created yet; retrying in {Seconds} s")]
        private static partial void LogNotReady(ILogger logger, double seconds);
    }
}
