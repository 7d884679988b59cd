using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;
using IntegrationHub.Core.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Functions.Hosting;

/// <summary>One registration method per area of the hub; Program.cs reads as their table of contents.</summary>
public static class HubServiceExtensions
{
    /// <summary>The catalogue, schemas, rules and reference data, loaded once at start; a broken contract stops the start.</summary>
    public static IHostApplicationBuilder AddContracts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        BindOptions<HubOptions>(services, "Hub");
        BindOptions<ValidationOptions>(services, "Hub", o => Regex.IsMatch(o.ProvinceCode, "^[0-9]{2}$"), "Hub:ProvinceCode must be a 2-digit province code.");
        services.AddSingleton(sp => FeedCatalogue.Load(sp.GetRequiredService<HubOptions>().ResolveContractsPath()));
        services.AddSingleton(sp => AdminUnitRegistry.Load(sp.GetRequiredService<HubOptions>().ResolveAdminUnitsPath()));
        services.AddSingleton<RuleEvaluator>();
        services.AddSingleton<RecordValidator>();
        return builder;
    }

    /// <summary>
    /// The one Azure credential of the hub (Core's <c>AddHubTokenCredential</c>), then the Table and Blob clients, registered once:
    /// a connection string locally (Azurite), the shared credential in Azure.
    /// </summary>
    public static IHostApplicationBuilder AddHubStorage(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        BindOptions<StorageOptions>(services, "Hub:Storage", o => o.IsConfigured,
            "Hub:Storage needs ConnectionString (local development) or TableServiceUri and BlobServiceUri (Azure, with a managed identity).");
        services.AddHubTokenCredential(builder.Configuration);
        services.AddSingleton<StorageCallCounter>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<StorageOptions>();
            var clientOptions = new TableClientOptions();
            ConfigureRetry(clientOptions.Retry);
            clientOptions.AddPolicy(sp.GetRequiredService<StorageCallCounter>().TablePolicy, HttpPipelinePosition.PerRetry);
            return string.IsNullOrWhiteSpace(o.ConnectionString)
                ? new TableServiceClient(o.TableServiceUri, sp.GetRequiredService<TokenCredential>(), clientOptions)
                : new TableServiceClient(o.ConnectionString, clientOptions);
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<StorageOptions>();
            var clientOptions = new BlobClientOptions();
            ConfigureRetry(clientOptions.Retry);
            clientOptions.AddPolicy(sp.GetRequiredService<StorageCallCounter>().BlobPolicy, HttpPipelinePosition.PerRetry);
            return string.IsNullOrWhiteSpace(o.ConnectionString)
                ? new BlobServiceClient(o.BlobServiceUri, sp.GetRequiredService<TokenCredential>(), clientOptions)
                : new BlobServiceClient(o.ConnectionString, clientOptions);
        });
        services.AddSingleton<BlobEventArchive>();
        services.AddSingleton<IEventArchive>(sp => sp.GetRequiredService<BlobEventArchive>());
        services.AddSingleton<TableEventStore>();
        services.AddSingleton<IEventLedger>(sp => sp.GetRequiredService<TableEventStore>());
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<TableEventStore>());
        services.AddSingleton<ISnapshotStore>(sp => sp.GetRequiredService<TableEventStore>());
        services.AddSingleton<IPoisonedEvents>(sp => sp.GetRequiredService<TableEventStore>());
        return builder;
    }

    /// <summary>
    /// The publisher and dead-letter admin of the transport <c>Hub:Messaging:Transport</c> selects (Amqp for RabbitMQ,
    /// ServiceBus for Azure); all of it is registered by Core's <c>AddHubMessaging</c>.
    /// </summary>
    public static IHostApplicationBuilder AddHubMessaging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHubMessaging(builder.Configuration);
        return builder;
    }

    /// <summary>The ingest pipeline, the fast publish path, the outbox relay and the start-up initialisation.</summary>
    public static IHostApplicationBuilder AddHubIngest(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        BindOptions<IngestLimits>(services, "Hub:Ingest", o => o.MaxBodyBytes > 0 && o.MaxBatchEvents > 0 && o.MaxJsonDepth >= 4,
            "Hub:Ingest limits must be positive (MaxJsonDepth at least 4).");
        BindOptions<OutboxRelayOptions>(services, "Hub:Relay", o => o.BatchSize > 0 && o.Concurrency > 0 && o.Grace >= TimeSpan.Zero && o.MaxRunDuration > TimeSpan.Zero,
            "Hub:Relay: BatchSize, Concurrency and MaxRunDuration must be positive, Grace not negative.");
        services.AddSingleton<HubMetrics>();
        services.AddSingleton<CloudEventReader>();
        services.AddSingleton<PublishQueue>();
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<Core.Ingest.OutboxRelay>();
        services.AddSingleton<HubReadiness>();
        services.AddHostedService<HubInitializer>();
        services.AddHostedService<PublishWorker>();
        services.TryAddSourcePolicy();
        return builder;
    }

    private static void TryAddSourcePolicy(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(ISourcePolicy)))
        {
            services.AddSingleton<ISourcePolicy, UnrestrictedSourcePolicy>();
        }
    }

    internal static void BindOptions<T>(IServiceCollection services, string section, Func<T, bool>? validate = null, string? failure = null)
        where T : class
    {
        var options = services.AddOptions<T>().BindConfiguration(section);
        if (validate is not null)
        {
            options.Validate(validate, failure!);
        }

        options.ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
    }

    // Fail fast when storage is down, so ingest can answer 503 promptly instead of holding the caller.
    private static void ConfigureRetry(RetryOptions retry)
    {
        retry.MaxRetries = 2;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(1);
        retry.NetworkTimeout = TimeSpan.FromSeconds(10);
    }
}
