using IntegrationHub.Core.Contracts;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.GetFeedSchema;

/// <summary><c>GET /api/feeds/{feedId}/schemas/v{major}</c>: the schema file exactly as published in the repository.</summary>
[HubPolicy(HubPolicies.Caller)]
public sealed class GetFeedSchema(HubRequestPipeline pipeline, FeedCatalogue catalogue)
{
    public const string Route = "api/feeds/{feedId}/schemas/v{major}";

    [Function(nameof(GetFeedSchema))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string feedId, string major) =>
        pipeline.RunAsync<GetFeedSchema>(request, _ =>
        {
            var feed = catalogue.Find(feedId);
            if (feed is null)
            {
                return Task.FromResult(Problems.UnknownFeed(feedId));
            }

            var version = int.TryParse(major, out var m) ? feed.FindVersion(m) : null;
            return Task.FromResult(version is null
                ? Problems.Result(404, "unknown-version", "Unknown version", $"Feed '{feedId}' has no major version v{major}.")
                : Results.Bytes(version.SchemaJson, "application/schema+json"));
        });
}
