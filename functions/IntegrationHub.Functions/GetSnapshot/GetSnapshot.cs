using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Storage;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.GetSnapshot;

/// <summary><c>GET /api/snapshots/{feedId}/{subject}</c>: an entity's current state.</summary>
[HubPolicy(HubPolicies.SnapshotsRead)]
public sealed class GetSnapshot(HubRequestPipeline pipeline, FeedCatalogue catalogue, ISnapshotStore snapshots, RequestAudit? audit = null)
{
    public const string Route = "api/snapshots/{feedId}/{subject}";

    [Function(nameof(GetSnapshot))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string feedId, string subject) =>
        pipeline.RunAsync<GetSnapshot>(request, context => HandleAsync(context, feedId, subject, context.RequestAborted));

    private async Task<IResult> HandleAsync(HttpContext context, string feedId, string subject, CancellationToken cancellationToken)
    {
        if (catalogue.Find(feedId) is null)
        {
            return Problems.UnknownFeed(feedId);
        }

        var snapshot = await snapshots.GetAsync(feedId, subject, cancellationToken);
        if (audit?.Refused(context, AuditEntry.SnapshotRead, feedId, snapshot is null ? 0 : 1, new JsonObject { ["subject"] = subject }) is { } refused)
        {
            return refused;
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
    }
}
