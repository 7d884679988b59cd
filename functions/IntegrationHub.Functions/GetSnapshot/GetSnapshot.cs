using System.Text.Json;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Storage;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.GetSnapshot;

/// <summary><c>GET /api/snapshots/{feedId}/{subject}</c>: an entity's current state.</summary>
public static class GetSnapshot
{
    public const string Route = "snapshots/{feedId}/{subject}";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/" + Route, async (string feedId, string subject, FeedCatalogue catalogue, ISnapshotStore snapshots, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (catalogue.Find(feedId) is null)
            {
                return Problems.Result(404, "unknown-feed", "Unknown feed", $"There is no feed '{feedId}' in the catalogue.");
            }

            Snapshot? snapshot;
            try
            {
                snapshot = await snapshots.GetAsync(feedId, subject, cancellationToken);
            }
            catch (StorageUnavailableException)
            {
                return Problems.StorageUnavailable(context);
            }

            if (snapshot is null)
            {
                return Problems.Result(404, "unknown-entity", "No such entity", $"Feed '{feedId}' has no entity '{subject}'.");
            }

            using var evt = JsonDocument.Parse(snapshot.EventJson);
            return Results.Json(new
            {
                feedId = snapshot.FeedId,
                subject = snapshot.Subject,
                commune = snapshot.Commune,
                version = snapshot.Version,
                eventId = snapshot.EventId,
                source = snapshot.Source,
                time = snapshot.Time,
                receivedAt = snapshot.ReceivedAt,
                @event = evt.RootElement.Clone(),
            }, Problems.Json);
        }).WithName(nameof(GetSnapshot)).RequireAuthorization(HubPolicies.SnapshotsRead);
}
