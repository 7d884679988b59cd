using IntegrationHub.Core.Contracts.Api;
using IntegrationHub.Functions.Hosting.Identity;
using IntegrationHub.Functions.Hosting.Runner;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// The one adapter between the app's functions and the API documents: every HTTP function under <c>/api/</c> (from its
/// <c>[Function]</c> and <c>[HttpTrigger]</c> attributes, as in functions.metadata) with the app roles its
/// <see cref="HubPolicyAttribute"/> requires. A new function appears in the documents by itself. The catch-all that answers
/// unknown paths is not an operation, so it is left out.
/// </summary>
public static class ApiRouteTable
{
    private static readonly Lazy<IReadOnlyList<RouteDescription>> All = new(() => Describe(FunctionCatalog.Functions));

    public static IReadOnlyList<RouteDescription> Routes => All.Value;

    public static IReadOnlyList<RouteDescription> Describe(IEnumerable<FunctionDescriptor> functions) =>
        functions
            .Where(f => f.IsHttp && f.Route!.StartsWith("api/", StringComparison.Ordinal) && !f.Route.Contains("{*", StringComparison.Ordinal))
            .Select(Describe)
            .OrderBy(r => r.Route, StringComparer.Ordinal)
            .ToArray();

    private static RouteDescription Describe(FunctionDescriptor function)
    {
        var policy = HubRequestPipeline.PolicyOf(function.Class);
        var anonymous = policy == HubPolicies.Anonymous;
        string[] roles = policy switch
        {
            HubPolicies.PublishToFeed => [HubRoles.PublishPrefix + "{feedId}"],
            HubPolicies.ReadFeed => [HubRoles.SnapshotsRead, HubRoles.FeedReadPrefix + "{feedId}"],
            HubPolicies.SnapshotsRead => [HubRoles.SnapshotsRead],
            HubPolicies.Admin => [HubRoles.Admin],
            _ => [],
        };
        var methods = function.HttpMethods.Count == 0 ? ["GET"] : function.HttpMethods.ToArray();
        var mediaTypes = function.Class.GetCustomAttributes(typeof(ResponseMediaTypesAttribute), inherit: false).OfType<ResponseMediaTypesAttribute>()
            .SingleOrDefault()?.MediaTypes ?? [];
        return new RouteDescription(function.Name, methods, "/" + function.Route, roles, anonymous, policy == HubPolicies.ReadFeed) { MediaTypes = mediaTypes };
    }
}
