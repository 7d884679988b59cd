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
    public static async Task<int> RunAsync(string[] args)
    {
        var catalogue = FeedCatalogue.Load(RepoLocator.Contracts);
        var topology = catalogue.Topology();
        var path = Path.Combine(RepoLocator.Root, "infra", "topology.json");
        await File.WriteAllTextAsync(path, ToInfraJson(topology));
        Console.WriteLine($"wrote {Path.GetRelativePath(RepoLocator.Root, path)} ({topology.Topics.Count} topics)");

        var rabbit = Array.IndexOf(args, "--rabbitmq");
        if (rabbit >= 0 && rabbit + 1 < args.Length)
        {
            await File.WriteAllTextAsync(args[rabbit + 1], RabbitMqTopology.ToDefinitionsJson(topology, new RabbitMqTopologyOptions()));
            Console.WriteLine($"wrote {args[rabbit + 1]}");
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
