using IntegrationHub.Core.Ingest;
using Microsoft.AspNetCore.Hosting;

namespace IntegrationHub.Functions.Hosting.Runner;

/// <summary>
/// Runs the app's functions without the Functions host or Core Tools: the same function classes and the same service
/// composition, on Kestrel, with each function's route and methods and each timer's schedule taken from its attributes
/// (<see cref="FunctionCatalog"/>). Used by <c>dev/up</c> and the tests; see docs/adr/0004 for what it does not do.
/// </summary>
public static class LocalRunner
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        HubApplication.AddHub(builder);
        builder.Services.AddHostedService<LocalTimerScheduler>();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var limits = context.Configuration.GetSection("Hub:Ingest").Get<IngestLimits>() ?? new IngestLimits();
            kestrel.Limits.MaxRequestBodySize = limits.MaxBodyBytes;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            kestrel.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(240, TimeSpan.FromSeconds(5));
            kestrel.AddServerHeader = false;
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        foreach (var function in FunctionCatalog.Functions.Where(f => f.IsHttp))
        {
            FunctionInvoker.EnsureBindable(function);
            app.MapMethods("/" + function.Route, function.HttpMethods, context => FunctionInvoker.InvokeHttpAsync(function, context))
                .WithName(function.Name)
                .WithMetadata(function);
        }

        foreach (var function in FunctionCatalog.Functions.Where(f => f.IsTimer))
        {
            FunctionInvoker.EnsureBindable(function);
            TimerSchedule.Parse(function.Schedule!);
        }

        return app;
    }
}
