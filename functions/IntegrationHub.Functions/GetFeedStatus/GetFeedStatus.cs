using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Storage;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.GetFeedStatus;

/// <summary><c>GET /api/feeds/status</c>: per feed, last event, counts today and over 24 hours, cadence and freshness state.</summary>
public static class GetFeedStatus
{
    public const string Route = "feeds/status";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/" + Route, async (FeedStatusService status, HttpContext context, CancellationToken cancellationToken) =>
        {
            try
            {
                return Results.Json(await status.GetAsync(cancellationToken), Problems.Json);
            }
            catch (StorageUnavailableException)
            {
                return Problems.StorageUnavailable(context);
            }
        }).WithName(nameof(GetFeedStatus)).RequireAuthorization(HubPolicies.SnapshotsRead);
}
