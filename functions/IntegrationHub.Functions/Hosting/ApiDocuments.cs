using IntegrationHub.Core.Contracts.Api;
using IntegrationHub.Core.Messaging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Functions.Hosting;

/// <summary>What the API documents say about this deployment: the hub's own URL as the caller reached it, and the broker host.</summary>
public static class ApiDocuments
{
    public static ApiDocumentInfo Info(HttpContext context)
    {
        var messaging = context.RequestServices.GetService<IOptions<MessagingOptions>>()?.Value;
        var host = messaging is null ? null : BrokerHost(messaging);
        var tenant = context.RequestServices.GetService<IConfiguration>()?["AzureAd:TenantId"];
        var info = new ApiDocumentInfo { HubUrl = $"{context.Request.Scheme}://{context.Request.Host}" };
        if (Guid.TryParse(tenant, out var tenantId))
        {
            info = info with { TenantId = tenantId.ToString() };
        }

        return host is null ? info : messaging!.IsServiceBus ? info with { ServiceBusHost = host } : info with { RabbitMqHost = host };
    }

    private static string? BrokerHost(MessagingOptions messaging) =>
        Uri.TryCreate(messaging.Endpoint, UriKind.Absolute, out var url) ? url.Port > 0 && !messaging.IsServiceBus ? $"{url.Host}:{url.Port}" : url.Host : null;
}
