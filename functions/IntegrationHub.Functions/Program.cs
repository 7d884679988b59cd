using IntegrationHub.Functions.Hosting;

HubApplication.Build(args).Run();

/// <summary>The entry point, visible to the tests.</summary>
public partial class Program;
