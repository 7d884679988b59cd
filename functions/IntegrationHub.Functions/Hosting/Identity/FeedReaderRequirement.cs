using IntegrationHub.Core.Contracts;
using Microsoft.AspNetCore.Authorization;

namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>
/// The token holds the read role of the function's <c>{feedId}</c> as its catalogue classification sets it
/// (<see cref="FeedClassification.RecordReadRole"/>): <c>Snapshots.Read</c> for public and internal feeds,
/// <c>Snapshots.Read.&lt;feedId&gt;</c> for restricted ones, where plain <c>Snapshots.Read</c> is not enough. No other role
/// (not <c>Hub.Admin</c>) implies it.
/// </summary>
public sealed class FeedReaderRequirement : AuthorizationHandler<FeedReaderRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, FeedReaderRequirement requirement)
    {
        if (context.Resource is not FunctionResource { FeedId: { } feedId } resource)
        {
            context.Fail();
            return Task.CompletedTask;
        }

        // An unknown feed answers 404 to a reader; telling which feeds exist is not worth a role of its own.
        var feed = resource.HttpContext.RequestServices.GetRequiredService<FeedCatalogue>().Find(feedId);
        var role = feed?.RecordReadRole() ?? HubRoles.SnapshotsRead;
        if (context.User.HasClaim(HubRoles.ClaimType, role))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new MissingRoleReason(this, role));
        }

        return Task.CompletedTask;
    }

    /// <summary>Whether <paramref name="user"/> may see <paramref name="feed"/>'s records (subjects included) outside the read endpoints, e.g. in dead-letter listings.</summary>
    public static bool MayRead(System.Security.Claims.ClaimsPrincipal user, FeedDefinition feed) =>
        user.HasClaim(HubRoles.ClaimType, feed.RecordReadRole());
}
