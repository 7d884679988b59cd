using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Audit;

/// <summary>
/// What one audit record says happened: its kind, who did it (application and tenant), the feed when there is one, when,
/// and the kind's details. The chain adds the sequence number and the hashes (docs/audit.md).
/// </summary>
public sealed record AuditEntry(string Kind, string AppId, string TenantId, string? FeedId, DateTimeOffset Time, JsonObject Details)
{
    /// <summary>An accepted ingest request: its events and the archive blob of its body.</summary>
    public const string Ingest = "ingest";

    /// <summary>An operator listed a subscription's dead letters.</summary>
    public const string DeadLetterList = "deadletters.list";

    /// <summary>An operator replayed dead-lettered messages.</summary>
    public const string DeadLetterReplay = "deadletters.replay";

    /// <summary>A read of one entity's snapshot.</summary>
    public const string SnapshotRead = "snapshot.read";

    /// <summary>A read of a page of a feed's snapshots.</summary>
    public const string SnapshotList = "snapshot.list";

    /// <summary>A read of a page of an entity's history.</summary>
    public const string HistoryRead = "history.read";

    /// <summary>A listing of the periodic reports (no feed: a report spans feeds).</summary>
    public const string ReportList = "report.list";

    /// <summary>A download of one periodic report's file.</summary>
    public const string ReportRead = "report.read";

    /// <summary>The retention purge removed expired history rows and archive blobs of a feed.</summary>
    public const string RetentionPurge = "retention.purge";

    /// <summary>The application name the hub's own timers record as the actor.</summary>
    public const string HubActor = "integration-hub";
}
