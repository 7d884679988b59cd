using IntegrationHub.Core.Contracts;
using IntegrationHub.Functions.Hosting;

namespace IntegrationHub.Functions.GetFeedSchema;

/// <summary><c>GET /api/feeds/{feedId}/schemas/v{major}</c>: the schema file exactly as published in the repository.</summary>
public static class GetFeedSchema
{
    public const string Route = "feeds/{feedId}/schemas/v{major}";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/" + Route, (string feedId, string major, FeedCatalogue catalogue) =>
        {
            var feed = catalogue.Find(feedId);
            if (feed is null)
            {
                return Problems.Result(404, "unknown-feed", "Unknown feed", $"There is no feed '{feedId}' in the catalogue.");
            }

            var version = int.TryParse(major, out var m) ? feed.FindVersion(m) : null;
            return version is null
                ? Problems.Result(404, "unknown-version", "Unknown version", $"Feed '{feedId}' has no major version v{major}.")
                : Results.Bytes(version.SchemaJson, "application/schema+json");
        }).WithName(nameof(GetFeedSchema));
}
