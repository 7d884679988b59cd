using System.Text.Json;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Tests.Support;

namespace IntegrationHub.Core.Tests.Contracts;

public class TopologyTests
{
    [Fact]
    public void Infra_topology_is_the_one_generated_from_the_catalogue()
    {
        using var committed = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "infra", "topology.json")));
        var expected = Support.Contracts.Catalogue.Topology().Topics
            .Select(t => $"{t.Name}|{t.FeedId}|{string.Join(",", t.Subscriptions)}");
        var actual = committed.RootElement.GetProperty("topics").EnumerateArray()
            .Select(t => $"{t.GetProperty("name").GetString()}|{t.GetProperty("feedId").GetString()}|{string.Join(",", t.GetProperty("subscriptions").EnumerateArray().Select(s => s.GetString()))}");
        Assert.True(expected.SequenceEqual(actual), "infra/topology.json is out of date with the catalogue: run dev/topology");
    }

    [Fact]
    public void Every_topic_has_an_ioc_subscription_and_only_national_feeds_have_ndxp()
    {
        foreach (var topic in Support.Contracts.Catalogue.Topology().Topics)
        {
            Assert.Contains(FeedCatalogue.IocSubscription, topic.Subscriptions);
            var national = topic.FeedId is not null && Support.Contracts.Catalogue.Find(topic.FeedId)!.PublishToNdxp;
            Assert.Equal(national, topic.Subscriptions.Contains(FeedCatalogue.NdxpSubscription));
        }
    }
}
