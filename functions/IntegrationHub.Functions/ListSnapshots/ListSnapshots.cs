using System.Text.Json;
using System.Text.RegularExpressions;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Storage;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.ListSnapshots;

/// <summary>
/// <c>GET /api/snapshots/{feedId}?commune=&amp;updatedSince=&amp;pageSize=&amp;continuationToken=</c>: a feed's current
/// entities, from the snapshot index: one commune's partition, or the feed's partition range. Always paged.
/// </summary>
public static partial class ListSnapshots
{
    public const string Route = "snapshots/{feedId}";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/" + Route, HandleAsync).WithName(nameof(ListSnapshots)).RequireAuthorization(HubPolicies.SnapshotsRead);

    private static async Task<IResult> HandleAsync(string feedId, string? commune, string? updatedSince, string? pageSize, string? continuationToken,
        FeedCatalogue catalogue, AdminUnitRegistry adminUnits, ISnapshotIndex index, HttpContext context, CancellationToken cancellationToken)
    {
        if (catalogue.Find(feedId) is null)
        {
            return Problems.Result(404, "unknown-feed", "Unknown feed", $"There is no feed '{feedId}' in the catalogue.");
        }

        if (commune is not null && !CommuneFilter().IsMatch(commune))
        {
            return QueryParameters.Bad("commune", "must be a 5-digit commune code, or _ for records without one.");
        }

        if (!QueryParameters.TryInstant("updatedSince", updatedSince, out var since, out var problem)
            || !QueryParameters.TryPageSize(pageSize, SnapshotQuery.DefaultPageSize, SnapshotQuery.MaxPageSize, out var size, out problem))
        {
            return problem!;
        }

        ResultPage<SnapshotIndexEntry> page;
        try
        {
            page = await index.QueryAsync(new SnapshotQuery(feedId, commune, since, size, continuationToken), cancellationToken);
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
            commune,
            updatedSince = since,
            pageSize = size,
            items = page.Items.Select(e => new
            {
                subject = e.Subject,
                commune = e.Commune == "_" ? null : e.Commune,
                communeName = e.Commune == "_" ? null : adminUnits.Find(adminUnits.CurrentVersion, e.Commune)?.CommuneName,
                eventId = e.EventId,
                eventTime = e.EventTime,
                updatedAt = e.ReceivedAt,
                version = e.Version,
                data = e.Data is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(e.Data),
                snapshot = $"/api/snapshots/{feedId}/{Uri.EscapeDataString(e.Subject)}",
            }),
            continuationToken = page.ContinuationToken,
        }, Problems.Json);
    }

    [GeneratedRegex("^([0-9]{5}|_)$")]
    private static partial Regex CommuneFilter();
}
