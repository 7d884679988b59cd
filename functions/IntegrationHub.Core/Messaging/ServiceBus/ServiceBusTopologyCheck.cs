using Azure.Messaging.ServiceBus.Administration;
using IntegrationHub.Core.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>
/// At start, in the background (the host must get its readiness answer quickly), compares the namespace with the
/// catalogue (<see cref="ServiceBusTopology"/>) and logs every missing topic, subscription or replay rule as an error:
/// a send to a missing topic fails, and a subscription without its replay rule takes other subscriptions' replays.
/// The hub keeps running either way; the outbox holds what cannot be published.
/// </summary>
public sealed partial class ServiceBusTopologyCheck(FeedCatalogue catalogue, ServiceBusAdministrationClient admin, ILogger<ServiceBusTopologyCheck> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var problems = await ServiceBusTopology.FindProblemsAsync(catalogue.Topology(), admin, stoppingToken);
            foreach (var problem in problems)
            {
                LogProblem(logger, problem);
            }

            if (problems.Count == 0)
            {
                LogMatches(logger, catalogue.Topology().Topics.Count);
            }
        }
        catch (UnauthorizedAccessException)
        {
            LogNotAllowed(logger);
        }
        catch (Exception e) when (e is not OperationCanceledException && ServiceBusFailures.IsBrokerFailure(e, stoppingToken))
        {
            LogFailed(logger, e.GetType().Name, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Service Bus topology does not match the catalogue: {Problem}")]
    private static partial void LogProblem(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Service Bus topology matches the catalogue ({Topics} topics, replay rules on every subscription)")]
    private static partial void LogMatches(ILogger logger, int topics);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The hub's identity may not read the Service Bus topology; the start-up check was not done")]
    private static partial void LogNotAllowed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Service Bus topology check could not run ({Error}: {Detail})")]
    private static partial void LogFailed(ILogger logger, string error, string detail);
}
