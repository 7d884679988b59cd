using IntegrationHub.Functions.Hosting;

namespace IntegrationHub.Functions.GetHealth;

/// <summary><c>GET /api/health</c>: 200 healthy or degraded, 503 unhealthy. Anonymous by design.</summary>
public static class GetHealth
{
    public const string Route = "health";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/" + Route, async (HubHealth health, CancellationToken cancellationToken) =>
        {
            var report = await health.CheckAsync(cancellationToken);
            return Results.Json(new { status = report.Status, checks = report.Checks, outboxPending = report.OutboxPending },
                Problems.Json, statusCode: report.Status == "unhealthy" ? 503 : 200);
        }).WithName(nameof(GetHealth)).AllowAnonymous();
}
