namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>
/// Authorization policy names for <c>RequireAuthorization(...)</c>. Endpoints without one get the fallback policy: a valid
/// token (anonymous only for the allow-list, see <see cref="HubCallerRequirement"/>).
/// </summary>
public static class HubPolicies
{
    /// <summary>The token holds <c>Feeds.Publish.&lt;feedId&gt;</c> for the route's <c>{feedId}</c>.</summary>
    public const string PublishToFeed = "Hub.PublishToFeed";

    /// <summary>The token holds <c>Snapshots.Read</c>.</summary>
    public const string SnapshotsRead = "Hub.SnapshotsRead";

    /// <summary>The token holds <c>Hub.Admin</c>; for the operators' endpoints.</summary>
    public const string Admin = "Hub.Administer";
}
