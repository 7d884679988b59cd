using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using IntegrationHub.Core.Messaging.ServiceBus;

namespace IntegrationHub.Core.Tests.Messaging.ServiceBus;

/// <summary>The start-up check's judgement of a subscription's rules, as the administration client returns them.</summary>
public sealed class ServiceBusTopologyTests
{
    [Fact]
    public void The_replay_rule_in_place_of_the_default_passes()
    {
        var rules = new[] { ServiceBusModelFactory.RuleProperties("$Default", new SqlRuleFilter("hub_replay_to IS NULL OR hub_replay_to = 'ioc'"), null) };

        Assert.Null(ServiceBusTopology.RuleProblem("ioc", rules));
    }

    [Fact]
    public void The_default_rule_left_beside_the_replay_rule_is_reported_because_it_takes_every_replay()
    {
        var rules = new[]
        {
            ServiceBusModelFactory.RuleProperties("$Default", new TrueRuleFilter(), null),
            ServiceBusModelFactory.RuleProperties("hub-replay", new SqlRuleFilter("hub_replay_to IS NULL OR hub_replay_to = 'ioc'"), null),
        };

        Assert.Contains("$Default takes every message", ServiceBusTopology.RuleProblem("ioc", rules), StringComparison.Ordinal);
    }

    [Fact]
    public void Another_subscriptions_rule_is_reported()
    {
        var rules = new[] { ServiceBusModelFactory.RuleProperties("$Default", new SqlRuleFilter("hub_replay_to IS NULL OR hub_replay_to = 'ndxp'"), null) };

        Assert.Contains("no rule with the SQL filter", ServiceBusTopology.RuleProblem("ioc", rules), StringComparison.Ordinal);
    }

    [Fact]
    public void The_expression_is_the_one_the_bicep_deploys()
    {
        Assert.Equal("hub_replay_to IS NULL OR hub_replay_to = 'ndxp'", ServiceBusTopology.ReplayRuleExpression("ndxp"));
    }
}
