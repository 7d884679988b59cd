using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Functions.ListFeeds;

/// <summary><c>GET /api/feeds</c>: the published catalogue.</summary>
public static class ListFeeds
{
    public const string Route = "feeds";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/" + Route, (FeedCatalogue catalogue) => Results.Ok(new
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
        })).WithName(nameof(ListFeeds));
}
