using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Messaging.RabbitMq;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// Creates the tables and containers (and, for local RabbitMQ, the topology) in the background, retrying until
/// storage answers: the Functions host must get its readiness answer quickly, whatever storage is doing.
/// </summary>
public sealed partial class HubInitializer(
    TableEventStore tables,
    BlobEventArchive blobs,
    FeedCatalogue catalogue,
    MessagingOptions messaging,
    HubReadiness readiness,
    ILogger<HubInitializer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await StartupRetry.UntilStorageAnswers(args => LogStorageNotReady(logger, args.RetryDelay.TotalSeconds))
            .ExecuteAsync(async token =>
            {
                await tables.CreateTablesAsync(token);
                await blobs.CreateContainersAsync(token);
            }, stoppingToken);
        readiness.MarkStorageReady();

        if (messaging.DeclareTopology && !messaging.IsServiceBus)
        {
            await DeclareTopologyAsync(stoppingToken);
        }
    }

    private async Task DeclareTopologyAsync(CancellationToken stoppingToken)
    {
        var endpoint = new Uri(messaging.Endpoint);
        var credentials = endpoint.UserInfo.Split(':', 2);
        var options = new RabbitMqTopologyOptions
        {
            Host = endpoint.Host,
            Port = endpoint.Port,
            User = Uri.UnescapeDataString(credentials[0]),
            Password = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "",
        };
        await StartupRetry.UntilItSucceeds(args => LogTopologyFailed(logger, args.Outcome.Exception?.GetType().Name ?? "failure", args.RetryDelay.TotalSeconds))
            .ExecuteAsync(async token => await RabbitMqTopology.DeclareAsync(catalogue.Topology(), options, token), stoppingToken);
        LogTopologyDeclared(logger, catalogue.Topology().Topics.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is not reachable yet; retrying in {Seconds} s")]
    private static partial void LogStorageNotReady(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "RabbitMQ topology declared for {Topics} topics")]
    private static partial void LogTopologyDeclared(ILogger logger, int topics);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Declaring the RabbitMQ topology failed ({Error}); retrying in {Seconds} s")]
    private static partial void LogTopologyFailed(ILogger logger, string error, double seconds);
}
