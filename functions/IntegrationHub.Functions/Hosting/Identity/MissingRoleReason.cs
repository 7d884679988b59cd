using Microsoft.AspNetCore.Authorization;

namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>Why authorization failed: the token lacks an app role. The 403 problem names <see cref="Role"/>.</summary>
public sealed class MissingRoleReason(IAuthorizationHandler handler, string role)
    : AuthorizationFailureReason(handler, $"The token lacks the app role '{role}'.")
{
    public string Role { get; } = role;
}
