using Microsoft.AspNetCore.Authorization;

namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>The token's <c>roles</c> claim holds <see cref="Role"/>. Roles are read from that claim only, never from the request.</summary>
public sealed class AppRoleRequirement(string role) : AuthorizationHandler<AppRoleRequirement>, IAuthorizationRequirement
{
    public string Role { get; } = role;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AppRoleRequirement requirement)
    {
        if (context.User.HasClaim(HubRoles.ClaimType, requirement.Role))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new MissingRoleReason(this, requirement.Role));
        }

        return Task.CompletedTask;
    }
}
