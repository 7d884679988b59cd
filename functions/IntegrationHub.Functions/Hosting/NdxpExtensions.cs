using IntegrationHub.Core.Ioc.Indicators;
using IntegrationHub.Core.Ndxp;

namespace IntegrationHub.Functions.Hosting;

/// <summary>The NDXP forwarding connector (Core's <c>AddHubNdxp</c>) and the creation of its tables.</summary>
public static partial class NdxpExtensions
{
    public static IHostApplicationBuilder AddHubNdxp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHubNdxp(builder.Configuration);
        builder.Services.AddHostedService<NdxpTableInitializer>();

        // I-02 is computed from the delivery log only while there is a national endpoint to deliver to.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Hub:Ndxp:Endpoint"]))
        {
            builder.Services.AddSingleton<INdxpDeliveries, NdxpIndicatorDeliveries>();
        }
        return builder;
    }

    /// <summary>Creates the delivery tables in the background, as the feed status table is.</summary>
    private sealed partial class NdxpTableInitializer(TableNdxpDeliveryLog deliveries, ILogger<NdxpTableInitializer> logger) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
            StartupRetry.UntilStorageAnswers(args => LogNotReady(logger, args.RetryDelay.TotalSeconds))
                .ExecuteAsync(async token => await deliveries.CreateTablesAsync(token), stoppingToken).AsTask();

        [LoggerMessage(Level = LogLevel.Debug, Message = "NDXP delivery tables not created yet; retrying in {Seconds} s")]
        private static partial void LogNotReady(ILogger logger, double seconds);
    }
}
