using IntegrationHub.Core.Contracts;
using Microsoft.AspNetCore.Authorization;

namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>
/// The token holds the catalogue's publish role of the route's <c>{feedId}</c> (<c>Feeds.Publish.&lt;feedId&gt;</c>), so a
/// department's application can write only the feeds whose role it was granted.
/// </summary>
public sealed class FeedPublisherRequirement : AuthorizationHandler<FeedPublisherRequirement>, IAuthorizationRequirement
{
    public const string RouteParameter = "feedId";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, FeedPublisherRequirement requirement)
    {
        if (context.Resource is not HttpContext http)
        {
            context.Fail();
            return Task.CompletedTask;
        }

        var feedId = http.GetRouteValue(RouteParameter) as string;
        var feed = feedId is null ? null : http.RequestServices.GetRequiredService<FeedCatalogue>().Find(feedId);
        if (feed is null)
        {
            // Nothing can be written to a feed that does not exist; the endpoint answers 404 and points at GET /api/feeds.
            context.Succeed(requirement);
        }
        else if (context.User.HasClaim(HubRoles.ClaimType, feed.PublishRole))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new MissingRoleReason(this, feed.PublishRole));
        }

        return Task.CompletedTask;
    }
}
