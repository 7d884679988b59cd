using IntegrationHub.Core.Contracts.Api;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.AspNetCore.Authorization;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// The one adapter between the app's route table and the API documents: reads the mapped endpoints (route pattern,
/// methods, authorization policy or anonymous) and describes each as a <see cref="RouteDescription"/> with the app roles
/// its policy requires. The documents are built from this list, so a new endpoint appears in them by itself.
/// </summary>
public static class ApiRouteTable
{
    public static IReadOnlyList<RouteDescription> Describe(EndpointDataSource endpoints) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route && ("/" + route.TrimStart('/')).StartsWith("/api/", StringComparison.Ordinal))
            .Select(Describe)
            .OrderBy(r => r.Route, StringComparer.Ordinal)
            .ToArray();

    private static RouteDescription Describe(RouteEndpoint endpoint)
    {
        var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET"];
        var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? route;
        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToArray();
        var roles = policies.Select(RoleOf).OfType<string>().ToList();
        if (roles.Count == 0 && route.StartsWith(HubCallerRequirement.SnapshotsPath, StringComparison.Ordinal))
        {
            roles.Add(HubRoles.SnapshotsRead); // the fallback policy's second line
        }

        return new RouteDescription(name, methods, route, anonymous ? [] : roles, anonymous);
    }

    private static string? RoleOf(string policy) => policy switch
    {
        HubPolicies.PublishToFeed => HubRoles.PublishPrefix + "{feedId}",
        HubPolicies.SnapshotsRead => HubRoles.SnapshotsRead,
        HubPolicies.Admin => HubRoles.Admin,
        _ => null,
    };
}
