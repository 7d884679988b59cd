using System.Text.Json;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Messaging.RabbitMq;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// <c>dev/topology</c>: writes the messaging topology generated from the catalogue — <c>infra/topology.json</c> for the Bicep
/// (Service Bus topics and subscriptions) and, with <c>--rabbitmq FILE</c>, a RabbitMQ definitions file. One catalogue, two targets.
/// </summary>
internal static class TopologyCommand
{
    public static async Task<int> RunAsync(string? rabbitmqFile)
    {
        var catalogue = FeedCatalogue.Load(RepoLocator.Contracts);
        var topology = catalogue.Topology();
        var path = Path.Combine(RepoLocator.Root, "infra", "topology.json");
        await File.WriteAllTextAsync(path, ToInfraJson(topology));
        Console.WriteLine($"wrote {Path.GetRelativePath(RepoLocator.Root, path)} ({topology.Topics.Count} topics)");

        if (rabbitmqFile is not null)
        {
            await File.WriteAllTextAsync(rabbitmqFile, RabbitMqTopology.ToDefinitionsJson(topology, new RabbitMqTopologyOptions()));
            Console.WriteLine($"wrote {rabbitmqFile}");
        }

        return 0;
    }

    /// <summary>The shape infra/main.bicep loads: <c>{"topics":[{"name","feedId","subscriptions":[…]}]}</c>.</summary>
    public static string ToInfraJson(IntegrationHub.Core.Messaging.MessagingTopology topology) =>
        JsonSerializer.Serialize(new
        {
            topics = topology.Topics.Select(t => new { name = t.Name, feedId = t.FeedId, subscriptions = t.Subscriptions }),
        }, new JsonSerializerOptions { WriteIndented = true }) + "\n";
}
