using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Storage;
using IntegrationHub.Core.Validation;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Functions.Hosting;

/// <summary>The IOC side: snapshot queries, feed status, freshness monitoring, indicators and the <c>/ioc</c> dashboard.</summary>
public static partial class IocExtensions
{
    public const string DashboardPath = "/ioc";

    public static WebApplicationBuilder AddHubIoc(this WebApplicationBuilder builder)
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
        services.AddSingleton<IIngestObserver, FeedActivityRecorder>();
        services.AddSingleton<FeedStatusService>();
        services.AddSingleton<IndicatorService>();
        services.AddSingleton<Core.Ioc.FreshnessMonitor>();
        services.AddHostedService<IocTableInitializer>();
        services.AddSingleton(sp => IocDashboardFiles.Locate(sp.GetRequiredService<IWebHostEnvironment>()));
        return builder;
    }

    /// <summary>
    /// The dashboard at <c>/ioc/</c>: its static files, <c>/ioc/config.json</c> (how the page gets a token) and, in Development
    /// with the development issuer, <c>/ioc/dev-token</c>. All anonymous (the identity allow-list is <c>GET /ioc/**</c>): the
    /// page holds no data and reads the query API with a token. Served by middleware placed before authentication, so they
    /// are not Functions routes; <c>/ioc</c> redirects to <c>/ioc/</c> so that the page's relative links resolve.
    /// </summary>
    public static WebApplication UseIocDashboard(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method) && request.Path.Equals(DashboardPath + "/config.json", StringComparison.Ordinal))
            {
                await IocDashboardSettings.Config(context).ExecuteAsync(context);
            }
            else if (HttpMethods.IsGet(request.Method) && request.Path.Equals(DashboardPath + "/dev-token", StringComparison.Ordinal)
                && IocDashboardSettings.DevTokenAvailable(context))
            {
                await IocDashboardSettings.DevToken(context).ExecuteAsync(context);
            }
            else
            {
                await next(context);
            }
        });
        var files = app.Services.GetRequiredService<IocDashboardFiles>().Provider;
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = DashboardPath, FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = DashboardPath,
            FileProvider = files,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }

    private sealed class IocOptionsValidator : IValidateOptions<IocOptions>
    {
        public ValidateOptionsResult Validate(string? name, IocOptions options) =>
            options.IsValid(out var problem) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    /// <summary>Creates the feed status table in the background (the snapshot index is created with the event store's tables).</summary>
    private sealed partial class IocTableInitializer(TableFeedStatusStore status, ILogger<IocTableInitializer> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var delay = TimeSpan.FromMilliseconds(500);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await status.CreateTableAsync(stoppingToken);
                    return;
                }
                catch (StorageUnavailableException)
                {
                    LogNotReady(logger, delay.TotalSeconds);
                    await Task.Delay(delay, stoppingToken);
                    delay = TimeSpan.FromSeconds(Math.Min(10, delay.TotalSeconds * 2));
                }
            }
        }

        [LoggerMessage(Level = LogLevel.Debug, Message = "Feed status table not created yet; retrying in {Seconds} s")]
        private static partial void LogNotReady(ILogger logger, double seconds);
    }
}
