using System.Globalization;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.ListDeadLetters;

/// <summary>
/// <c>GET /api/deadletters/{topic}/{subscription}?max=100</c>: the messages in a subscription's dead-letter queue, left
/// where they are, and the topic's events the outbox relay moved to the poison table (<c>poisoned</c>). Operators only (<c>Hub.Admin</c>). The route does not start with <c>admin</c>: the Functions host
/// reserves that prefix for its own API.
/// </summary>
[HubPolicy(HubPolicies.Admin)]
public sealed class ListDeadLetters(HubRequestPipeline pipeline, FeedCatalogue catalogue, DeadLetters deadLetters, IPoisonedEvents poison,
    RequestAudit? audit = null)
{
    public const string Route = "api/deadletters/{topic}/{subscription}";
    public const int DefaultMax = 100;

    [Function(nameof(ListDeadLetters))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string topic, string subscription) =>
        pipeline.RunAsync<ListDeadLetters>(request, context => HandleAsync(context, topic, subscription, context.Request.Query["max"], context.RequestAborted));

    /// <summary>404 unless the catalogue's topology has <paramref name="subscription"/> on <paramref name="topic"/>.</summary>
    internal static IResult? UnknownSubscription(FeedCatalogue catalogue, string topic, string subscription) =>
        catalogue.Topology().Topics.Any(t => t.Name == topic && t.Subscriptions.Contains(subscription))
            ? null
            : Problems.Result(404, "unknown-subscription", "Unknown subscription",
                $"The catalogue has no subscription '{subscription}' on topic '{topic}'. Topics are lgsp.<feed-id>.v<major> (GET /api/feeds) and lgsp.hub.alerts.v1; subscriptions are ioc and, for feeds published nationally, ndxp.");

    private async Task<IResult> HandleAsync(HttpContext context, string topic, string subscription, string? max, CancellationToken cancellationToken)
    {
        if (UnknownSubscription(catalogue, topic, subscription) is { } unknown)
        {
            return unknown;
        }

        var limit = DefaultMax;
        if ((!string.IsNullOrEmpty(max) && !int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out limit)) || limit is < 1 or > DeadLetters.MaxListed)
        {
            return Problems.Result(400, "bad-request", "Bad request", $"max must be between 1 and {DeadLetters.MaxListed}.");
        }

        var items = await deadLetters.ListAsync(topic, subscription, limit, cancellationToken);

        // Events of this topic the hub itself gave up sending (outbox attempt cap): they never reached any subscription.
        var poisoned = await poison.ListAsync(topic, limit, cancellationToken);
        await (audit?.RecordAdminAsync(context, AuditEntry.DeadLetterList, topic, subscription,
            items.Select(m => m.MessageId).OfType<string>().Concat(poisoned.Select(p => p.KeyHash))) ?? Task.CompletedTask);
        return Results.Json(new
        {
            topic,
            subscription,
            count = items.Count,
            truncated = items.Count == limit,
            messages = items,
            poisoned,
        }, Problems.Json);
    }
}
