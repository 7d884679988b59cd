using Azure.Core;
using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Messaging.ServiceBus;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Core.Messaging;

/// <summary>
/// Everything messaging, in one registration: <see cref="MessagingOptions"/> (validated at start), the transport chosen by
/// <c>Hub:Messaging:Transport</c> behind <see cref="ITopicPublisher"/> and <see cref="IDeadLetterQueue"/>, and
/// <see cref="DeadLetters"/>. For Service Bus the <see cref="ServiceBusClient"/> and
/// <see cref="ServiceBusAdministrationClient"/> are registered with Microsoft.Extensions.Azure, authenticated with the
/// connection string or the one shared <see cref="TokenCredential"/>, and a start-up topology check runs.
/// </summary>
public static class MessagingServiceCollectionExtensions
{
    public static IServiceCollection AddHubMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection(MessagingOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<MessagingOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHubTokenCredential(configuration);

        services.AddAzureClients(azure =>
        {
            azure.UseCredential(sp => sp.GetRequiredService<TokenCredential>());
            azure.AddClient<ServiceBusClient, ServiceBusClientOptions>((clientOptions, credential, sp) =>
            {
                var options = sp.GetRequiredService<MessagingOptions>();
                clientOptions.Identifier = "integrationhub-" + Environment.MachineName;
                clientOptions.RetryOptions = RetryOptions(options);
                return string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? new ServiceBusClient(options.FullyQualifiedNamespace, credential, clientOptions)
                    : new ServiceBusClient(options.ConnectionString, clientOptions);
            });
            azure.AddClient<ServiceBusAdministrationClient, ServiceBusAdministrationClientOptions>((clientOptions, credential, sp) =>
            {
                var options = sp.GetRequiredService<MessagingOptions>();
                return string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? new ServiceBusAdministrationClient(options.FullyQualifiedNamespace, credential, clientOptions)
                    : new ServiceBusAdministrationClient(options.ConnectionString, clientOptions);
            });
        });

        services.TryAddSingleton<AmqpTopicPublisher>();
        services.TryAddSingleton<AmqpDeadLetterQueue>();
        services.TryAddSingleton<ServiceBusTopicPublisher>();
        services.TryAddSingleton<ServiceBusDeadLetterQueue>();
        services.TryAddSingleton<ITopicPublisher>(sp => sp.GetRequiredService<MessagingOptions>().IsServiceBus
            ? sp.GetRequiredService<ServiceBusTopicPublisher>()
            : sp.GetRequiredService<AmqpTopicPublisher>());
        services.TryAddSingleton<IDeadLetterQueue>(sp => sp.GetRequiredService<MessagingOptions>().IsServiceBus
            ? sp.GetRequiredService<ServiceBusDeadLetterQueue>()
            : sp.GetRequiredService<AmqpDeadLetterQueue>());
        services.TryAddSingleton<DeadLetters>();
        services.AddHostedService(sp => new TopologyCheckGate(sp));
        return services;
    }

    /// <summary>Fail fast enough for ingest's fast path and the health probe: one try of SendTimeout, two retries.</summary>
    internal static ServiceBusRetryOptions RetryOptions(MessagingOptions options) => new()
    {
        Mode = ServiceBusRetryMode.Exponential,
        MaxRetries = 2,
        Delay = TimeSpan.FromMilliseconds(500),
        MaxDelay = TimeSpan.FromSeconds(5),
        TryTimeout = options.SendTimeout,
    };

    /// <summary>Runs <see cref="ServiceBusTopologyCheck"/> only when the transport is Service Bus and the check is on.</summary>
    private sealed class TopologyCheckGate(IServiceProvider services) : IHostedService
    {
        private ServiceBusTopologyCheck? _check;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            var options = services.GetRequiredService<MessagingOptions>();
            if (!options.IsServiceBus || !options.CheckTopology)
            {
                return Task.CompletedTask;
            }

            _check = new ServiceBusTopologyCheck(
                services.GetRequiredService<Contracts.FeedCatalogue>(),
                services.GetRequiredService<ServiceBusAdministrationClient>(),
                services.GetRequiredService<ILogger<ServiceBusTopologyCheck>>());
            return _check.StartAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => _check?.StopAsync(cancellationToken) ?? Task.CompletedTask;
    }
}
