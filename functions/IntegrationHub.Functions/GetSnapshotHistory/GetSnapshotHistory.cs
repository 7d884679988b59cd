using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.GetSnapshotHistory;

/// <summary>
/// <c>GET /api/snapshots/{feedId}/{subject}/history?from=&amp;to=&amp;pageSize=&amp;continuationToken=</c>: an entity's
/// accepted events by event time, <c>[from, to)</c>, oldest first: a row-key range of its own partition.
/// </summary>
[HubPolicy(HubPolicies.SnapshotsRead)]
public sealed class GetSnapshotHistory(HubRequestPipeline pipeline, FeedCatalogue catalogue, ISnapshotHistory history, RequestAudit? audit = null)
{
    public const string Route = "api/snapshots/{feedId}/{subject}/history";

    [Function(nameof(GetSnapshotHistory))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string feedId, string subject) =>
        pipeline.RunAsync<GetSnapshotHistory>(request, context => HandleAsync(context, feedId, subject, context.Request.Query, context.RequestAborted));

    private async Task<IResult> HandleAsync(HttpContext context, string feedId, string subject, IQueryCollection query, CancellationToken cancellationToken)
    {
        if (catalogue.Find(feedId) is null)
        {
            return Problems.UnknownFeed(feedId);
        }

        string? from = query["from"], to = query["to"], pageSize = query["pageSize"], continuationToken = query["continuationToken"];

        if (!QueryParameters.TryInstant("from", from, out var fromTime, out var problem)
            || !QueryParameters.TryInstant("to", to, out var toTime, out problem)
            || !QueryParameters.TryPageSize(pageSize, HistoryQuery.DefaultPageSize, HistoryQuery.MaxPageSize, out var size, out problem))
        {
            return problem!;
        }

        if (fromTime is not null && toTime is not null && toTime < fromTime)
        {
            return QueryParameters.Bad("to", "must not be before 'from'.");
        }

        ResultPage<HistoryEntry> page;
        try
        {
            page = await history.QueryAsync(new HistoryQuery(feedId, subject, fromTime, toTime, size, continuationToken), cancellationToken);
        }
        catch (ArgumentException)
        {
            return QueryParameters.Bad("continuationToken", "is not a token this API issued.");
        }

        var scope = new JsonObject
        {
            ["subject"] = subject,
            ["from"] = fromTime?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = toTime?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["continued"] = continuationToken is not null,
        };
        if (audit?.Refused(context, AuditEntry.HistoryRead, feedId, page.Items.Count, scope) is { } refused)
        {
            return refused;
        }

        return Results.Json(new
        {
            feedId,
            subject,
            from = fromTime,
            to = toTime,
            pageSize = size,
            items = page.Items.Select(e => new
            {
                eventId = e.EventId,
                source = e.Source,
                time = e.EventTime,
                receivedAt = e.ReceivedAt,
                published = e.Published,
                snapshotUpdated = e.SnapshotUpdated,
                @event = JsonSerializer.Deserialize<JsonElement>(e.EventJson),
            }),
            continuationToken = page.ContinuationToken,
        }, Problems.Json);
    }
}
