namespace IntegrationHub.Functions.Hosting;

/// <summary>Running under the Azure Functions host (custom handler) or on our own.</summary>
public static class FunctionsHostExtensions
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>True when the Functions host started us; it then invokes the timers itself.</summary>
    public static bool IsUnderFunctionsHost => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PortVariable));

    /// <summary>
    /// Under the Functions host, listen on loopback at the port it gives: the host proxies HTTP functions there and probes
    /// <c>GET /</c> for readiness. Standalone (local development, tests) <c>--urls</c> decides.
    /// </summary>
    public static WebApplicationBuilder UseFunctionsCustomHandlerPort(this WebApplicationBuilder builder)
    {
        var port = Environment.GetEnvironmentVariable(PortVariable);
        if (!string.IsNullOrEmpty(port))
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }

        return builder;
    }
}
