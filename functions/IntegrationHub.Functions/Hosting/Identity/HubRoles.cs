namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>The app roles of the hub's API registration; they reach the hub in the token's <c>roles</c> claim.</summary>
public static class HubRoles
{
    /// <summary>The claim that carries app roles in Entra ID tokens; the only source of roles the hub believes.</summary>
    public const string ClaimType = "roles";

    /// <summary>Reads current state (the IOC and other readers).</summary>
    public const string SnapshotsRead = "Snapshots.Read";

    /// <summary>The prefix of a restricted feed's read role, <c>Snapshots.Read.&lt;feedId&gt;</c>.</summary>
    public const string FeedReadPrefix = SnapshotsRead + ".";

    /// <summary>The role that reads a restricted feed's records (plain <see cref="SnapshotsRead"/> does not).</summary>
    public static string ReadFeed(string feedId) => FeedReadPrefix + feedId;

    /// <summary>Operates the hub (admin endpoints).</summary>
    public const string Admin = "Hub.Admin";

    public const string PublishPrefix = "Feeds.Publish.";

    /// <summary>The role that may publish to a feed; the catalogue's <c>FeedDefinition.PublishRole</c> is the same string.</summary>
    public static string Publish(string feedId) => PublishPrefix + feedId;
}
