using Azure.Messaging.ServiceBus;
using IntegrationHub.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Core.Ndxp;

/// <summary>
/// The NDXP forwarding connector: <see cref="NdxpOptions"/> (validated at start), the receiver of the messaging transport
/// (<see cref="AmqpNdxpSubscriptions"/> for RabbitMQ, <see cref="ServiceBusNdxpSubscriptions"/> on the one registered
/// <see cref="ServiceBusClient"/>), one HTTP client carrying the client certificate, the token cache, the delivery
/// records and the <see cref="NdxpForwarder"/>. Call after <c>AddHubMessaging</c> and the storage registration.
/// </summary>
public static class NdxpServiceCollectionExtensions
{
    public static IServiceCollection AddHubNdxp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NdxpOptions>().Bind(configuration.GetSection(NdxpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NdxpOptions>, NdxpOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<NdxpOptions>>().Value);
        services.AddSingleton(sp => new NdxpHttp(NdxpClient.CreateHttpClient(sp.GetRequiredService<NdxpOptions>())));
        services.AddSingleton(sp => new NdxpClient(sp.GetRequiredService<NdxpOptions>(), sp.GetRequiredService<NdxpHttp>().Client));
        services.AddSingleton(sp => new NdxpTokenCache(sp.GetRequiredService<NdxpOptions>(), sp.GetRequiredService<NdxpHttp>().Client,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<NdxpPacer>();
        services.AddSingleton<TableNdxpDeliveryLog>();
        services.AddSingleton<INdxpDeliveryLog>(sp => sp.GetRequiredService<TableNdxpDeliveryLog>());
        services.AddSingleton<INdxpSubscriptions>(sp => sp.GetRequiredService<MessagingOptions>().IsServiceBus
            ? new ServiceBusNdxpSubscriptions(sp.GetRequiredService<ServiceBusClient>())
            : new AmqpNdxpSubscriptions(sp.GetRequiredService<MessagingOptions>()));
        services.AddSingleton<NdxpForwarder>();
        return services;
    }

    /// <summary>The connector's one HTTP client (endpoint and token endpoint), disposed with the container.</summary>
    internal sealed class NdxpHttp(HttpClient client) : IDisposable
    {
        public HttpClient Client { get; } = client;

        public void Dispose() => Client.Dispose();
    }

    private sealed class NdxpOptionsValidator : IValidateOptions<NdxpOptions>
    {
        public ValidateOptionsResult Validate(string? name, NdxpOptions options) =>
            options.IsValid(out var problem) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }
}
