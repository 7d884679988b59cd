using System.Text.Json;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Storage;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.GetSnapshotHistory;

/// <summary>
/// <c>GET /api/snapshots/{feedId}/{subject}/history?from=&amp;to=&amp;pageSize=&amp;continuationToken=</c>: an entity's
/// accepted events by event time, <c>[from, to)</c>, oldest first: a row-key range of its own partition.
/// </summary>
public static class GetSnapshotHistory
{
    public const string Route = "snapshots/{feedId}/{subject}/history";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/" + Route, HandleAsync).WithName(nameof(GetSnapshotHistory)).RequireAuthorization(HubPolicies.SnapshotsRead);

    private static async Task<IResult> HandleAsync(string feedId, string subject, string? from, string? to, string? pageSize, string? continuationToken,
        FeedCatalogue catalogue, ISnapshotHistory history, HttpContext context, CancellationToken cancellationToken)
    {
        if (catalogue.Find(feedId) is null)
        {
            return Problems.Result(404, "unknown-feed", "Unknown feed", $"There is no feed '{feedId}' in the catalogue.");
        }

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
        catch (StorageUnavailableException)
        {
            return Problems.StorageUnavailable(context);
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
