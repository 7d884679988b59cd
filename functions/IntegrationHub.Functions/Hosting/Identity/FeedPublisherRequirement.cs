using IntegrationHub.Core.Contracts;
using Microsoft.AspNetCore.Authorization;

namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>
/// The token holds the catalogue's publish role of the function's <c>{feedId}</c> (<c>Feeds.Publish.&lt;feedId&gt;</c>), so a
/// department's application can write only the feeds whose role it was granted.
/// </summary>
public sealed class FeedPublisherRequirement : AuthorizationHandler<FeedPublisherRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, FeedPublisherRequirement requirement)
    {
        if (context.Resource is not FunctionResource { FeedId: { } feedId } resource)
        {
            context.Fail();
            return Task.CompletedTask;
        }

        var feed = resource.HttpContext.RequestServices.GetRequiredService<FeedCatalogue>().Find(feedId);
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
