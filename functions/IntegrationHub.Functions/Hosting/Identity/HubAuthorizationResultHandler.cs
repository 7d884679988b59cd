using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>
/// Writes refusals as problem details: a 403 names the app role the caller lacks. Challenges (no or invalid token) go to the
/// bearer handler, which answers 401 (<see cref="BearerChallenge"/>).
/// </summary>
public sealed class HubAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var roles = authorizeResult.AuthorizationFailure?.FailureReasons.OfType<MissingRoleReason>().Select(r => r.Role).Distinct(StringComparer.Ordinal).ToArray() ?? [];
        var detail = roles.Length switch
        {
            0 => "The calling application is not allowed to use this endpoint.",
            1 => $"The calling application lacks the app role '{roles[0]}', which this request requires. An administrator of the hub's API registration grants it (docs/identity.md).",
            _ => $"The calling application lacks the app roles {string.Join(", ", roles.Select(r => $"'{r}'"))}, which this request requires.",
        };
        await Problems.Result(StatusCodes.Status403Forbidden, "missing-role", "Forbidden", detail,
            new Dictionary<string, object?> { ["missingRoles"] = roles }).ExecuteAsync(context);
    }
}
