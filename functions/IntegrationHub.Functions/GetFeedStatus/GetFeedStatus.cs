using IntegrationHub.Core.Completeness;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.GetFeedStatus;

/// <summary><c>GET /api/feeds/status</c>: per feed, last event, counts today and over 24 hours, cadence, freshness state and completeness summary.</summary>
[HubPolicy(HubPolicies.SnapshotsRead)]
public sealed class GetFeedStatus(HubRequestPipeline pipeline, FeedStatusService status, CompletenessService completeness)
{
    public const string Route = "api/feeds/status";

    [Function(nameof(GetFeedStatus))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request) =>
        pipeline.RunAsync<GetFeedStatus>(request, async context =>
            Results.Json((await status.GetAsync(context.RequestAborted)).WithCompleteness(await completeness.GetAsync(context.RequestAborted)), Problems.Json));
}
