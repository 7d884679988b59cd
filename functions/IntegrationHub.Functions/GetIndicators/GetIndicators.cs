using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Storage;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.GetIndicators;

/// <summary><c>GET /api/indicators</c>: the IOC indicators with value, target, the formula's inputs, breakdowns and trend.</summary>
public static class GetIndicators
{
    public const string Route = "indicators";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/" + Route, async (IndicatorService indicators, HttpContext context, CancellationToken cancellationToken) =>
        {
            try
            {
                return Results.Json(await indicators.GetAsync(cancellationToken), Problems.Json);
            }
            catch (StorageUnavailableException)
            {
                return Problems.StorageUnavailable(context);
            }
        }).WithName(nameof(GetIndicators)).RequireAuthorization(HubPolicies.SnapshotsRead);
}
