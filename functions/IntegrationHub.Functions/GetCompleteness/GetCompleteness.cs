using IntegrationHub.Core.Completeness;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.GetCompleteness;

/// <summary>
/// <c>GET /api/completeness?feed=</c>: per feed and sender, expected against received reporting periods (on time, late,
/// missing), the latest periods, and the entities that stopped reporting by commune. Aggregates only: no record leaves.
/// </summary>
[HubPolicy(HubPolicies.SnapshotsRead)]
public sealed class GetCompleteness(HubRequestPipeline pipeline, CompletenessService completeness, FeedCatalogue catalogue)
{
    public const string Route = "api/completeness";

    [Function(nameof(GetCompleteness))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request) =>
        pipeline.RunAsync<GetCompleteness>(request, async context =>
        {
            string? feed = context.Request.Query["feed"];
            if (feed is not null && catalogue.Find(feed) is null)
            {
                return Problems.UnknownFeed(feed);
            }

            var report = await completeness.GetAsync(context.RequestAborted);
            return Results.Json(feed is null ? report : report with { Feeds = report.Feeds.Where(f => f.FeedId == feed).ToArray() }, Problems.Json);
        });
}
