namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// Environment variables that the Azure Functions host, App Service and Azure Container Apps set for the processes they run.
/// Read through configuration (environment variables are part of it under both hosts), so a test can supply one as a setting.
/// The local runner sets none of them. <c>CONTAINER_NAME</c> is not one: Linux Consumption sets it, but so do ordinary container
/// runtimes on developers' and CI machines; Linux Consumption also sets <c>WEBSITE_SITE_NAME</c>, which is.
/// </summary>
public static class HostingMarkers
{
    public static readonly IReadOnlyList<string> Names =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_EXTENSION_VERSION",
        "AZURE_FUNCTIONS_ENVIRONMENT",
        "WEBSITE_SITE_NAME",
        "WEBSITE_INSTANCE_ID",
        "WEBSITE_HOSTNAME",
        "IDENTITY_ENDPOINT",
        "CONTAINER_APP_NAME",
    ];

    /// <returns>The first marker that is set, or null on a machine that is neither the Functions host nor Azure.</returns>
    public static string? Find(IConfiguration configuration) =>
        Names.FirstOrDefault(name => !string.IsNullOrEmpty(configuration[name]));

    /// <summary>True when the Functions host started this process as its worker (it then passes the worker's gRPC endpoint).</summary>
    public static bool IsFunctionsWorker(string[] args) =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FUNCTIONS_WORKER_RUNTIME"))
        || args.Any(a => a is "--functions-uri" or "--functions-worker-id" or "--workerId" or "--host");
}
