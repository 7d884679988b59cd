using IntegrationHub.Core.Completeness;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Storage;
using IntegrationHub.Core.Validation;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Functions.Hosting;

/// <summary>The IOC side: snapshot queries, feed status, freshness and completeness monitoring, indicators and the <c>/ioc</c> dashboard's files.</summary>
public static partial class IocExtensions
{
    public static IHostApplicationBuilder AddHubIoc(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IocOptions>().BindConfiguration("Hub:Ioc").ValidateOnStart();
        services.AddSingleton<IValidateOptions<IocOptions>, IocOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<IocOptions>>().Value);
        services.AddSingleton(sp => new ProvinceTime(sp.GetRequiredService<ValidationOptions>().ProvinceUtcOffset));
        services.AddSingleton<FreshnessRules>();

        // The snapshot index rows are written by the event store in each snapshot's own transaction; this reads them.
        services.AddSingleton<TableSnapshotIndex>();
        services.AddSingleton<ISnapshotIndex>(sp => sp.GetRequiredService<TableSnapshotIndex>());
        services.AddSingleton<ISnapshotHistory, TableSnapshotHistory>();

        // Feed status is fed by the ingest pipeline (IngestPipeline takes IIngestObserver).
        services.AddSingleton<TableFeedStatusStore>();
        services.AddSingleton<IFeedStatusStore>(sp => sp.GetRequiredService<TableFeedStatusStore>());
        services.AddSingleton<FeedActivityRecorder>();
        services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<FeedActivityRecorder>());
        services.AddSingleton<FeedStatusService>();

        // Data completeness: first arrivals per sender and period, also fed by the ingest pipeline, judged by the monitor.
        services.AddSingleton<TableCompletenessStore>();
        services.AddSingleton<ICompletenessStore>(sp => sp.GetRequiredService<TableCompletenessStore>());
        services.AddSingleton<CompletenessRecorder>();
        services.AddSingleton<IIngestObserver>(sp => sp.GetRequiredService<CompletenessRecorder>());
        services.AddSingleton<CompletenessService>();
        services.AddSingleton<Core.Completeness.CompletenessMonitor>();
        services.AddHubIndicators();
        services.AddSingleton<Core.Ioc.FreshnessMonitor>();
        services.AddHostedService<IocTableInitializer>();
        services.AddSingleton(sp => IocDashboardFiles.Locate(sp.GetRequiredService<IHostEnvironment>()));
        return builder;
    }

    private sealed class IocOptionsValidator : IValidateOptions<IocOptions>
    {
        public ValidateOptionsResult Validate(string? name, IocOptions options) =>
            options.IsValid(out var problem) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    /// <summary>Creates the feed status and completeness tables in the background (the snapshot index is created with the event store's tables).</summary>
    private sealed partial class IocTableInitializer(TableFeedStatusStore status, TableCompletenessStore completeness, ILogger<IocTableInitializer> logger)
        : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
            StartupRetry.UntilStorageAnswers(args => LogNotReady(logger, args.RetryDelay.TotalSeconds))
                .ExecuteAsync(async token =>
                {
                    await status.CreateTableAsync(token);
                    await completeness.CreateTableAsync(token);
                }, stoppingToken).AsTask();

        [LoggerMessage(Level = LogLevel.Debug, Message = "Feed status table not created yet; retrying in {Seconds} s")]
        private static partial void LogNotReady(ILogger logger, double seconds);
    }
}
