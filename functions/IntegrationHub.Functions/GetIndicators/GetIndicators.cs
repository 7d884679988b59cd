using IntegrationHub.Core.Ioc;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.GetIndicators;

/// <summary><c>GET /api/indicators</c>: the IOC indicators with value, target, the formula's inputs, breakdowns and trend.</summary>
[HubPolicy(HubPolicies.SnapshotsRead)]
public sealed class GetIndicators(HubRequestPipeline pipeline, IndicatorService indicators)
{
    public const string Route = "api/indicators";

    [Function(nameof(GetIndicators))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request) =>
        pipeline.RunAsync<GetIndicators>(request, async context => Results.Json(await indicators.GetAsync(context.RequestAborted), Problems.Json));
}
