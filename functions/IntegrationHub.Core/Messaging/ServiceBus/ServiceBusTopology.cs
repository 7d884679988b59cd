using Azure.Messaging.ServiceBus.Administration;

namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>
/// Compares the namespace with the catalogue's topology through <see cref="ServiceBusAdministrationClient"/>: every
/// topic and subscription must exist, and every subscription must filter replays
/// (<see cref="ReplayRuleExpression"/> in place of the default 1=1 rule), or a replay would reach every subscription.
/// </summary>
public static class ServiceBusTopology
{
    /// <summary>The rule that replaces <c>$Default</c>: ordinary messages, and replays meant for this subscription.</summary>
    public static string ReplayRuleExpression(string subscription) =>
        $"{DeadLetters.ReplayToProperty} IS NULL OR {DeadLetters.ReplayToProperty} = '{subscription}'";

    /// <summary>What is missing or wrong, one line each; empty when the namespace matches.</summary>
    public static async Task<IReadOnlyList<string>> FindProblemsAsync(MessagingTopology topology, ServiceBusAdministrationClient admin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(admin);
        var problems = new List<string>();
        foreach (var topic in topology.Topics)
        {
            if (!(await admin.TopicExistsAsync(topic.Name, cancellationToken)).Value)
            {
                problems.Add($"topic {topic.Name} does not exist");
                continue;
            }

            foreach (var subscription in topic.Subscriptions)
            {
                if (!(await admin.SubscriptionExistsAsync(topic.Name, subscription, cancellationToken)).Value)
                {
                    problems.Add($"subscription {topic.Name}/{subscription} does not exist");
                    continue;
                }

                var rules = new List<RuleProperties>();
                await foreach (var rule in admin.GetRulesAsync(topic.Name, subscription, cancellationToken))
                {
                    rules.Add(rule);
                }

                if (RuleProblem(subscription, rules) is { } problem)
                {
                    problems.Add($"subscription {topic.Name}/{subscription}: {problem}");
                }
            }
        }

        return problems;
    }

    /// <summary>Why a subscription's rules would let other subscriptions' replays in (or no replays at all); null when they are right.</summary>
    public static string? RuleProblem(string subscription, IReadOnlyList<RuleProperties> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.FirstOrDefault(r => r.Filter is TrueRuleFilter) is { } all)
        {
            return $"rule {all.Name} takes every message (1=1), so it also takes replays meant for other subscriptions; expected the SQL filter \"{ReplayRuleExpression(subscription)}\"";
        }

        var expected = Normalize(ReplayRuleExpression(subscription));
        return rules.Any(r => r.Filter is SqlRuleFilter sql && Normalize(sql.SqlExpression) == expected)
            ? null
            : $"no rule with the SQL filter \"{ReplayRuleExpression(subscription)}\"";
    }

    private static string Normalize(string expression) =>
        string.Join(' ', expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
