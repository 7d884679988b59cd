using IntegrationHub.Core.Contracts;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.ListFeeds;

/// <summary><c>GET /api/feeds</c>: the published catalogue.</summary>
[HubPolicy(HubPolicies.Caller)]
public sealed class ListFeeds(HubRequestPipeline pipeline, FeedCatalogue catalogue)
{
    public const string Route = "api/feeds";

    [Function(nameof(ListFeeds))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request) =>
        pipeline.RunAsync<ListFeeds>(request, _ => Task.FromResult(Results.Ok(new
        {
            feeds = catalogue.Feeds.Select(f => new
            {
                id = f.Id,
                code = f.Code,
                title = f.Title,
                domain = f.Domain,
                owner = f.Owner,
                grain = f.Grain,
                entityKey = f.EntityKey,
                communeField = f.CommuneField,
                cadence = f.CadenceText,
                publishToNdxp = f.PublishToNdxp,
                classification = f.Classification,
                publishRole = f.PublishRole,
                versions = f.Versions.Select(v => new
                {
                    major = v.Major,
                    status = v.Status,
                    type = $"{f.Id}.v{v.Major}",
                    topic = v.Topic,
                    schema = $"/api/feeds/{f.Id}/schemas/v{v.Major}",
                }),
            }),
        })));
}
