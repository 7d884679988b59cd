using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Health;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.GetHealth;

/// <summary>
/// <c>GET /api/health</c>: 200 healthy or degraded, 503 unhealthy, from the cached health checks. Anonymous callers (probes,
/// load balancers) get the status only; the checks and the backlog need <c>Hub.Admin</c>.
/// </summary>
[HubPolicy(HubPolicies.Anonymous)]
public sealed class GetHealth(HubRequestPipeline pipeline, HubHealth health)
{
    public const string Route = "api/health";

    [Function(nameof(GetHealth))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request) =>
        pipeline.RunAsync<GetHealth>(request, async context =>
        {
            var report = await health.GetAsync(context.RequestAborted);
            var statusCode = report.Status == "unhealthy" ? 503 : 200;
            context.Response.Headers.CacheControl = "no-store";
            return context.User.HasClaim(HubRoles.ClaimType, HubRoles.Admin)
                ? Results.Json(new { status = report.Status, checks = report.Checks, outboxPending = report.OutboxPending, checkedAt = report.CheckedAt },
                    Problems.Json, statusCode: statusCode)
                : Results.Json(new { status = report.Status }, Problems.Json, statusCode: statusCode);
        });
}
