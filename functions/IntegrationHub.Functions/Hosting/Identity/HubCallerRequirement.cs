using Microsoft.AspNetCore.Authorization;

namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>
/// The caller policy (<see cref="HubPolicies.Caller"/>), of the functions that need no particular role and of the catch-all routes:
/// a validated token is required, except for the static files of the IOC page (<c>GET</c>/<c>HEAD /ioc/**</c>), which hold no
/// data. The rule is by path so it covers every file the ServeIocFile function may serve. As a second
/// line, anything under <c>/api/snapshots</c> needs <c>Snapshots.Read</c> even if its endpoint forgot to say so.
/// </summary>
public sealed class HubCallerRequirement : AuthorizationHandler<HubCallerRequirement>, IAuthorizationRequirement
{
    public const string IocPath = "/ioc";
    public const string SnapshotsPath = "/api/snapshots";

    public static bool IsAnonymousStaticFile(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Path.StartsWithSegments(IocPath, StringComparison.OrdinalIgnoreCase);

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, HubCallerRequirement requirement)
    {
        var http = (context.Resource as FunctionResource)?.HttpContext;
        if (http is not null && IsAnonymousStaticFile(http.Request))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            // Not satisfied: the authorization middleware challenges, and the bearer handler answers 401.
            return Task.CompletedTask;
        }

        if (http is not null && http.Request.Path.StartsWithSegments(SnapshotsPath, StringComparison.OrdinalIgnoreCase)
            && !context.User.HasClaim(HubRoles.ClaimType, HubRoles.SnapshotsRead))
        {
            context.Fail(new MissingRoleReason(this, HubRoles.SnapshotsRead));
            return Task.CompletedTask;
        }

        context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
