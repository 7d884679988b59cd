using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.AsOf;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Functions.Hosting;

namespace IntegrationHub.Functions.ListSnapshots;

/// <summary>
/// <c>GET /api/snapshots/{feedId}?asOf=&amp;commune=&amp;pageSize=&amp;continuationToken=</c>: the feed's entities (or one
/// commune's) as recorded at <c>asOf</c>, through <see cref="IFeedStateAsOf"/> (docs/as-of.md). The page has the current
/// list's shape plus <c>asOf</c> and <c>checkpoint</c> (the cut-off it was read from, null when none).
/// </summary>
public sealed class SnapshotsAsOf(IFeedStateAsOf states, FeedCatalogue catalogue, AdminUnitRegistry adminUnits, TimeProvider clock, RequestAudit? audit = null)
{
    public async Task<IResult> HandleAsync(HttpContext context, string feedId, string? commune, DateTimeOffset asOf, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        if (asOf > clock.GetUtcNow())
        {
            return QueryParameters.Bad("asOf", "must not be in the future: the state at an instant is known once it has passed.");
        }

        if (catalogue.Find(feedId) is { } feed && RetentionHorizon.Refusal("asOf", asOf, clock.GetUtcNow(), [feed]) is { } tooOld)
        {
            return tooOld;
        }

        AsOfPage page;
        try
        {
            page = await states.GetAsync(new AsOfQuery(feedId, asOf, commune, pageSize, continuationToken), cancellationToken);
        }
        catch (ArgumentException)
        {
            return QueryParameters.Bad("continuationToken", "is not a token this API issued for this feed, asOf and commune.");
        }

        // Recorded like every read of snapshots (the current list's kind, with the instant in its scope).
        var scope = new JsonObject { ["commune"] = commune, ["asOf"] = asOf.ToString("O", CultureInfo.InvariantCulture), ["continued"] = continuationToken is not null };
        if (audit?.Refused(context, AuditEntry.SnapshotList, feedId, page.Items.Count, scope) is { } refused)
        {
            return refused;
        }

        return Results.Json(new
        {
            feedId,
            commune,
            asOf,
            checkpoint = page.Checkpoint,
            pageSize,
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
}
