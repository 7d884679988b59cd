using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.Functions.Tests.Auth;

/// <summary>
/// Settings for a hub that starts without Azurite or a broker: storage and AMQP point at a closed loopback port and the timers
/// are off. A request that passes authentication and authorization then gets 503 storage-unavailable, which is how these
/// tests see that it was let through.
/// </summary>
internal static class HubSettings
{
    public const string Instance = "https://login.dev.integrationhub.local/";
    public const string TenantId = "7e570000-0000-4000-8000-000000000001";
    public const string ClientId = "7e570000-0000-4000-8000-000000000002";
    public const string AppIdUri = "api://integrationhub-test";

    public static string Issuer => $"{Instance.TrimEnd('/')}/{TenantId}/v2.0";

    public static Dictionary<string, string> WithoutBackends()
    {
        var port = ClosedPort();
        return new Dictionary<string, string>
        {
            ["Hub:DisableTimers"] = "true",
            ["Hub:Storage:ConnectionString"] = Azurite.ConnectionString(port),
            ["Hub:Messaging:Endpoint"] = $"amqp://guest:guest@127.0.0.1:{port}",
            ["Hub:Messaging:DeclareTopology"] = "false",
            ["AzureAd:Instance"] = Instance,
            ["AzureAd:TenantId"] = TenantId,
            ["AzureAd:ClientId"] = ClientId,
            ["AzureAd:Audience"] = AppIdUri,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:IntegrationHub"] = "Error",
        };
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
