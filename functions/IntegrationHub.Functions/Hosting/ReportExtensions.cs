using IntegrationHub.Core.Reports;
using IntegrationHub.Functions.Hosting.Runner;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// The periodic reports (<c>Hub:Reports</c>, docs/reports.md): their sections, builder, generator and the private
/// <c>&lt;prefix&gt;-reports</c> container of the hub's data account. A new section is one more <see cref="IReportSection"/> here.
/// </summary>
public static partial class ReportExtensions
{
    public static IHostApplicationBuilder AddHubReports(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        HubServiceExtensions.BindOptions<ReportOptions>(services, ReportOptions.Section, o => o.IsValid,
            $"{ReportOptions.Section}: LookBackWeeks must be from 1 to 26 and LookBackMonths from 1 to 12 (docs/reports.md).");
        services.AddSingleton<IReportSection, IndicatorsReportSection>();
        services.AddSingleton<IReportSection, TrendsReportSection>();
        services.AddSingleton<IReportSection, CompletenessReportSection>();
        services.AddSingleton<IReportSection, RejectionsReportSection>();
        services.AddSingleton<ReportBuilder>();
        services.AddSingleton<ReportDataReader>();
        services.AddSingleton<BlobReportStore>();
        services.AddSingleton<IReportStore>(sp => sp.GetRequiredService<BlobReportStore>());
        services.AddSingleton<ReportGenerator>();
        services.AddHostedService<ReportStartup>();
        return builder;
    }

    /// <summary>
    /// Creates the reports container in the background and, where <see cref="ReportOptions.GenerateOnStart"/> is set and the
    /// local runner's timers are on, runs the generator once, so a fresh development stack has its latest reports at once.
    /// </summary>
    private sealed partial class ReportStartup(BlobReportStore store, ReportGenerator generator, ReportOptions options, IConfiguration configuration,
        ILogger<ReportStartup> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await StartupRetry.UntilStorageAnswers(args => LogNotReady(logger, args.RetryDelay.TotalSeconds))
                .ExecuteAsync(async token => await store.CreateContainerAsync(token), stoppingToken);
            if (!options.GenerateOnStart || configuration.GetValue(LocalTimerScheduler.DisableSetting, false))
            {
                return;
            }

            try
            {
                var run = await generator.RunOnceAsync(stoppingToken);
                LogGenerated(logger, run.Generated.Count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The hourly timer tries again.
                LogFailed(logger, e.GetType().Name);
            }
        }

        [LoggerMessage(Level = LogLevel.Debug, Message = "Reports container not created yet; retrying in {Seconds} s")]
        private static partial void LogNotReady(ILogger logger, double seconds);

        [LoggerMessage(Level = LogLevel.Information, Message = "Reports generated at start: {Count}")]
        private static partial void LogGenerated(ILogger logger, int count);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Generating the reports at start failed: {Error}")]
        private static partial void LogFailed(ILogger logger, string error);
    }
}
