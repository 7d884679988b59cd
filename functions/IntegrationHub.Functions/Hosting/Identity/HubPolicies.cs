namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>
/// Authorization policy names; every function names one when it calls <see cref="HubRequestPipeline"/>, so no function is
/// authorized by accident.
/// </summary>
public static class HubPolicies
{
    /// <summary>No token needed (health, the IOC page's settings); a token that is sent is still read, for the caller's roles.</summary>
    public const string Anonymous = "Hub.Anonymous";

    /// <summary>A valid token (anonymous only for the allow-list, see <see cref="HubCallerRequirement"/>).</summary>
    public const string Caller = "Hub.Caller";

    /// <summary>The token holds <c>Feeds.Publish.&lt;feedId&gt;</c> for the route's <c>{feedId}</c>.</summary>
    public const string PublishToFeed = "Hub.PublishToFeed";

    /// <summary>The token holds <c>Snapshots.Read</c>.</summary>
    public const string SnapshotsRead = "Hub.SnapshotsRead";

    /// <summary>
    /// The token holds the read role of the route's <c>{feedId}</c> by its classification: <c>Snapshots.Read</c> (public and
    /// internal feeds) or <c>Snapshots.Read.&lt;feedId&gt;</c> (restricted feeds); see <see cref="FeedReaderRequirement"/>.
    /// </summary>
    public const string ReadFeed = "Hub.ReadFeed";

    /// <summary>The token holds <c>Hub.Admin</c>; for the operators' endpoints.</summary>
    public const string Admin = "Hub.Administer";
}
