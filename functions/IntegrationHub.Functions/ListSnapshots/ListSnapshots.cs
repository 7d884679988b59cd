using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Audit;
using System.Text.RegularExpressions;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.ListSnapshots;

/// <summary>
/// <c>GET /api/snapshots/{feedId}?commune=&amp;updatedSince=&amp;pageSize=&amp;continuationToken=</c>: a feed's current
/// entities, from the snapshot index: one commune's partition, or the feed's partition range. Always paged.
/// </summary>
[HubPolicy(HubPolicies.SnapshotsRead)]
public sealed partial class ListSnapshots(HubRequestPipeline pipeline, FeedCatalogue catalogue, AdminUnitRegistry adminUnits, ISnapshotIndex index,
    RequestAudit? audit = null)
{
    public const string Route = "api/snapshots/{feedId}";

    [Function(nameof(ListSnapshots))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string feedId) =>
        pipeline.RunAsync<ListSnapshots>(request, context => HandleAsync(context, feedId, context.Request.Query, context.RequestAborted));

    private async Task<IResult> HandleAsync(HttpContext context, string feedId, IQueryCollection query, CancellationToken cancellationToken)
    {
        if (catalogue.Find(feedId) is null)
        {
            return Problems.UnknownFeed(feedId);
        }

        string? commune = query["commune"], updatedSince = query["updatedSince"], pageSize = query["pageSize"], continuationToken = query["continuationToken"];

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

        var scope = new JsonObject { ["commune"] = commune, ["updatedSince"] = since?.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["continued"] = continuationToken is not null };
        if (audit?.Refused(context, AuditEntry.SnapshotList, feedId, page.Items.Count, scope) is { } refused)
        {
            return refused;
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
