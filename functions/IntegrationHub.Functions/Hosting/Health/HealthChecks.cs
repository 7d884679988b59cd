using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IntegrationHub.Functions.Hosting.Health;

/// <summary>The hub's health checks on ASP.NET Core health checks (<see cref="HealthCheckService"/>), each bounded to 5 s.</summary>
public static class HealthChecks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static IHostApplicationBuilder AddHubHealth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section)
            .Validate(o => o.IsValid, $"{HealthOptions.Section}:CacheDuration must be between 00:00:01 and 00:01:00.").ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthOptions>>().Value);
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>(StorageHealthCheck.Name, HealthStatus.Unhealthy, timeout: Timeout)
            .AddCheck<BrokerHealthCheck>(BrokerHealthCheck.Name, HealthStatus.Degraded, timeout: Timeout)
            .AddCheck<OutboxHealthCheck>(OutboxHealthCheck.Name, HealthStatus.Unhealthy, timeout: Timeout);
        services.AddSingleton<HubHealth>();
        return builder;
    }

    internal static async Task<bool> QuietlyAsync(Func<Task<bool>> check)
    {
        try
        {
            return await check();
        }
        catch (Exception e) when (e is OperationCanceledException or BrokerUnavailableException or StorageUnavailableException)
        {
            return false;
        }
    }
}
