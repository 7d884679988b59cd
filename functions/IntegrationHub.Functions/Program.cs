using IntegrationHub.Functions.Hosting;

// Under the Functions host (Azure, or Core Tools with dev/up --func) the app is the isolated worker; anywhere else it is the
// local runner, which serves the same functions on Kestrel.
if (HostingMarkers.IsFunctionsWorker(args))
{
    HubApplication.RunWorker(args);
}
else
{
    HubApplication.Build(args).Run();
}

/// <summary>The entry point, visible to the tests.</summary>
public partial class Program;
