using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Storage;
using IntegrationHub.Core.Validation;
using Microsoft.Extensions.FileProviders;
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

        // The snapshot index is written by the event store right after each snapshot (TableEventStore takes ISnapshotIndex).
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
        return builder;
    }

    /// <summary>
    /// The dashboard's static files (anonymous: the page holds no data; it reads the query API with a token) and the
    /// sign-in settings it needs. <c>/ioc</c> redirects to <c>/ioc/</c> so that the page's relative links resolve.
    /// </summary>
    public static WebApplication UseIocDashboard(this WebApplication app)
    {
        var files = DashboardFiles(app);
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = DashboardPath, FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = DashboardPath,
            FileProvider = files,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.MapGet(DashboardPath + "/config.json", (IocOptions options, IConfiguration configuration) => Results.Json(new
        {
            refreshSeconds = options.Dashboard.RefreshSeconds,
            auth = new
            {
                // development: a token from /ioc/dev-token; entra: MSAL sign-in; none: the API is open (no identity configured).
                mode = DevTokenAvailable(configuration) ? "development" : string.IsNullOrEmpty(options.Dashboard.ClientId) ? "none" : "entra",
                clientId = options.Dashboard.ClientId,
                authority = options.Dashboard.Authority,
                scope = options.Dashboard.Scope,
            },
        }, Problems.Json)).AllowAnonymous().WithName("IocDashboardConfig");
        return app;
    }

    /// <summary>The development token endpoint exists only while the development issuer is enabled.</summary>
    private static bool DevTokenAvailable(IConfiguration configuration) => configuration.GetValue("Hub:Auth:DevelopmentIssuer:Enabled", false);

    /// <summary>The page's files beside the executable (the build copies them there, with MSAL from node_modules), else under the web root.</summary>
    private static IFileProvider DashboardFiles(WebApplication app)
    {
        string?[] candidates = [Path.Combine(AppContext.BaseDirectory, "wwwroot"), app.Environment.WebRootPath];
        foreach (var root in candidates)
        {
            if (root is not null && Directory.Exists(Path.Combine(root, "ioc")))
            {
                return new PhysicalFileProvider(Path.Combine(root, "ioc"));
            }
        }

        return new NullFileProvider();
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
