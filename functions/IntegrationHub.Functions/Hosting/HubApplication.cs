using IntegrationHub.Functions.Hosting.Health;
using IntegrationHub.Functions.Hosting.Runner;
using Microsoft.Azure.Functions.Worker.Builder;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// Builds the hub: the table of contents of its areas, the same for the isolated worker under the Functions host and for the
/// local runner. Program.cs chooses between them; tests build the local runner with their own settings.
/// </summary>
public static class HubApplication
{
    /// <summary>The hub's services, whichever host runs the functions.</summary>
    public static void AddHub(IHostApplicationBuilder builder)
    {
        builder.AddContracts();
        builder.AddHubStorage();
        builder.AddHubMessaging();
        builder.AddHubIngest();
        builder.AddHubAuthentication();
        builder.AddHubIoc();
        builder.AddHubNdxp();
        builder.AddHubAsOf();
        builder.AddHubAudit();
        builder.AddHubOpenData();
        builder.AddHubReports();
        builder.AddHubHealth();
        builder.AddHubRequests();
        builder.AddHubTelemetry();
    }

    /// <summary>The isolated worker, as the Functions host starts it (ASP.NET Core integration: HttpRequest in, IResult out).</summary>
    public static void RunWorker(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        AddHub(builder);
        builder.Build().Run();
    }

    /// <summary>The local runner (<see cref="LocalRunner"/>): the same functions on Kestrel, without the Functions host.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null) => LocalRunner.Build(args, configure);
}
