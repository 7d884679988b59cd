using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.ListDeadLetters;

/// <summary>
/// <c>GET /api/deadletters/{topic}/{subscription}?max=100</c>: the messages in a subscription's dead-letter queue, left
/// where they are, and the topic's events the outbox relay moved to the poison table (<c>poisoned</c>). Operators only (<c>Hub.Admin</c>). The route does not start with <c>admin</c>: the Functions host
/// reserves that prefix for its own API.
/// </summary>
public static class ListDeadLetters
{
    public const string Route = "deadletters/{topic}/{subscription}";
    public const int DefaultMax = 100;

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/" + Route, async (string topic, string subscription, int? max, FeedCatalogue catalogue, DeadLetters deadLetters,
            IPoisonedEvents poison, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (UnknownSubscription(catalogue, topic, subscription) is { } unknown)
            {
                return unknown;
            }

            var limit = max ?? DefaultMax;
            if (limit is < 1 or > DeadLetters.MaxListed)
            {
                return Problems.Result(400, "bad-request", "Bad request", $"max must be between 1 and {DeadLetters.MaxListed}.");
            }

            IReadOnlyList<DeadLettersItem> items;
            IReadOnlyList<PoisonEntry> poisoned;
            try
            {
                items = await deadLetters.ListAsync(topic, subscription, limit, cancellationToken);

                // Events of this topic the hub itself gave up sending (outbox attempt cap): never reached any subscription.
                poisoned = await poison.ListAsync(topic, limit, cancellationToken);
            }
            catch (BrokerUnavailableException)
            {
                return BrokerUnavailable(context);
            }
            catch (StorageUnavailableException)
            {
                return Problems.StorageUnavailable(context);
            }

            return Results.Json(new
            {
                topic,
                subscription,
                count = items.Count,
                truncated = items.Count == limit,
                messages = items,
                poisoned,
            }, Problems.Json);
        }).WithName(nameof(ListDeadLetters)).RequireAuthorization(HubPolicies.Admin);

    /// <summary>404 unless the catalogue's topology has <paramref name="subscription"/> on <paramref name="topic"/>.</summary>
    internal static IResult? UnknownSubscription(FeedCatalogue catalogue, string topic, string subscription) =>
        catalogue.Topology().Topics.Any(t => t.Name == topic && t.Subscriptions.Contains(subscription))
            ? null
            : Problems.Result(404, "unknown-subscription", "Unknown subscription",
                $"The catalogue has no subscription '{subscription}' on topic '{topic}'. Topics are lgsp.<feed-id>.v<major> (GET /api/feeds) and lgsp.hub.alerts.v1; subscriptions are ioc and, for feeds published nationally, ndxp.");

    internal static IResult BrokerUnavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "10";
        return Problems.Result(503, "broker-unavailable", "Broker unavailable", "The hub cannot reach the message broker; nothing was changed. Retry after the delay in Retry-After.");
    }
}
