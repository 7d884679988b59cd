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
}
