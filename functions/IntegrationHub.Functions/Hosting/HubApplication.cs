namespace IntegrationHub.Functions.Hosting;

/// <summary>Builds the hub: the table of contents of its areas. Program.cs runs it; tests build it with their own settings.</summary>
public static class HubApplication
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.UseFunctionsCustomHandlerPort();
        builder.AddContracts();
        builder.AddHubStorage();
        builder.AddHubMessaging();
        builder.AddHubIngest();
        builder.AddHubAuthentication();
        builder.AddHubIoc();
        builder.AddHubTelemetry();
        configure?.Invoke(builder);

        var app = builder.Build();

        app.UseHubProblemDetails();
        app.UseIocDashboard();
        app.UseHubAuthentication();
        app.MapFunctions();
        return app;
    }

    /// <summary>
    /// The names of the app's functions (its named endpoints and timers), read from the route table of an app built but not
    /// started. <c>dev/package</c> checks them against the package's function folders.
    /// </summary>
    public static IReadOnlyList<string> FunctionNames()
    {
        string[] args =
        [
            "--environment", "Production",
            "--AzureAd:Instance=https://login.microsoftonline.com/",
            "--AzureAd:TenantId=00000000-0000-4000-8000-000000000000",
            "--AzureAd:ClientId=00000000-0000-4000-8000-000000000001",
            $"--Hub:SenderRegistryPath={Path.Combine(AppContext.BaseDirectory, "contracts", "registry", "senders.json")}",
            "--Hub:Storage:ConnectionString=UseDevelopmentStorage=true",
            "--Hub:DisableTimers=true",
        ];
        var app = Build(args);
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)
            .OfType<string>()
            .Where(name => name != "Readiness")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
